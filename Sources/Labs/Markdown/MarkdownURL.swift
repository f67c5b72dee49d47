/// Which link destinations are allowed, and how relative ones are rewritten (lab format, Labs/README.md
/// "Links"). Only `http:`, `https:`, `mailto:`, `#anchors` and relative paths pass; anything with another
/// scheme, a backslash, a control character or a leading `//` is rejected.
enum MarkdownURL {
  static let maximumLength = 2048

  static func classify(_ destination: String) -> MarkdownLink.Kind {
    guard !destination.isEmpty, destination.utf8.count <= maximumLength else { return .rejected }
    for scalar in destination.unicodeScalars
    where scalar.value < 0x21 || scalar.value == 0x7F || scalar == "\\" || scalar == "<"
      || scalar == ">"
    {
      return .rejected
    }
    if destination.hasPrefix("#") { return .anchor }
    if destination.hasPrefix("//") { return .rejected }
    let beforeSlash = destination.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard let colon = beforeSlash.firstIndex(of: ":") else { return .relative }
    switch beforeSlash[..<colon].lowercased() {
    case "http", "https":
      return destination.dropFirst(beforeSlash[..<colon].count).hasPrefix("://")
        ? .external : .rejected
    case "mailto": return .mailto
    default: return .rejected
    }
  }

  /// The `href`/`src` to emit for an allowed destination: relative paths go through `options`.
  static func rewrite(_ destination: String, options: MarkdownOptions) -> String {
    guard classify(destination) == .relative, !destination.hasPrefix("/") else {
      return destination
    }
    let pathEnd = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
    var path = Substring(destination[..<pathEnd])
    let suffix = destination[pathEnd...]
    while path.hasPrefix("./") { path = path.dropFirst(2) }
    if let contentBase = options.contentBase, path.hasPrefix("Content/") {
      return contentBase + path.dropFirst("Content/".count) + suffix
    }
    if let labsBase = options.labsBase, path.hasPrefix("../") {
      let rest = path.dropFirst(3)
      let lab = rest.prefix { $0 != "/" }
      let file = rest.dropFirst(lab.count).drop { $0 == "/" }
      if file.isEmpty || file == "lab.md" { return labsBase + lab + suffix }
      return labsBase + lab + "/files/" + file + suffix
    }
    if let linkBase = options.linkBase, !path.isEmpty {
      return linkBase + path + suffix
    }
    return destination
  }
}

/// `match.path` of an HTTP route: the whole path equals `exact`, or fully matches `regex`.
public enum PathMatchConfig: Sendable, Equatable {
  case exact(String)
  case regex(MatchPattern)

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    let members = try reader.members(allowed: ["exact", "regex"])
    guard members.count == 1 else { throw reader.error("must name exactly one of exact, regex") }
    if let exact = try reader.optional("exact") {
      let path = try exact.string(length: 1...255)
      guard path.hasPrefix("/") else { throw exact.error("must start with '/'") }
      self = .exact(path)
    } else {
      self = .regex(try MatchPattern(reader.required("regex")))
    }
  }
}

/// Renders the inline content of one block (CommonMark §6, simplified) in a single left-to-right pass:
/// backslash escapes, code spans, emphasis, links, images, autolinks and hard breaks. Everything else,
/// raw HTML included, is escaped text. Linear time: code spans pair through a precomputed table, link
/// text may not contain brackets, and emphasis uses one delimiter stack whose entries are popped at most once.
struct MarkdownInlineRenderer {
  let options: MarkdownOptions
  /// Every link and image destination seen so far, for `labs check`.
  private(set) var links: [MarkdownLink] = []

  init(options: MarkdownOptions) {
    self.options = options
  }

  /// Renders `text`, whose first character sits on source line `line`.
  mutating func render(_ text: some Sequence<Character>, line: Int) -> String {
    var scan = InlineScan(characters: Array(text), firstLine: line)
    while scan.index < scan.characters.count {
      step(&scan)
    }
    return scan.finish()
  }

  private mutating func step(_ scan: inout InlineScan) {
    let character = scan.characters[scan.index]
    switch character {
    case "\\": scan.backslash()
    case "\n": scan.lineEnd()
    case "`": scan.codeSpan()
    case "*", "_": scan.delimiterRun()
    case "!" where scan.peek(1) == "[":
      if !link(&scan, at: scan.index + 1, isImage: true) { scan.literal(character) }
    case "[":
      if !link(&scan, at: scan.index, isImage: false) { scan.literal(character) }
    case "<":
      if !autolink(&scan) { scan.literal(character) }
    default: scan.literal(character)
    }
  }

  /// CommonMark §6.3 inline links `[text](destination "title")` and §6.4 images `![alt](src)`.
  /// A destination that is not allowed leaves only the text (or the alt text), as plain text.
  private mutating func link(_ scan: inout InlineScan, at open: Int, isImage: Bool) -> Bool {
    guard let parsed = MarkdownLinkSyntax.parse(scan.characters, openBracket: open) else {
      return false
    }
    let line = scan.line(at: open)
    let destination = String(parsed.destination)
    let kind = MarkdownURL.classify(destination)
    links.append(MarkdownLink(destination: destination, kind: kind, isImage: isImage, line: line))
    let label = scan.characters[(open + 1)..<parsed.labelEnd]
    var html = ""
    if isImage {
      let alt = HTMLEscape.escape(String(label))
      if kind == .rejected {
        html = alt
      } else {
        let source = HTMLEscape.escape(MarkdownURL.rewrite(destination, options: options))
        html = "<img src=\"\(source)\" alt=\"\(alt)\"\(titleAttribute(parsed.title))>"
      }
    } else {
      let text = render(label, line: line)
      if kind == .rejected {
        html = text
      } else {
        let href = HTMLEscape.escape(MarkdownURL.rewrite(destination, options: options))
        let rel = kind == .external ? " rel=\"noopener noreferrer\"" : ""
        html = "<a href=\"\(href)\"\(titleAttribute(parsed.title))\(rel)>\(text)</a>"
      }
    }
    scan.emit(html, resumingAt: parsed.end)
    return true
  }

  private func titleAttribute(_ title: ArraySlice<Character>?) -> String {
    guard let title else { return "" }
    return " title=\"\(HTMLEscape.escape(String(title)))\""
  }

  /// CommonMark §6.5 autolinks, limited to `http:`, `https:` and `mailto:` destinations.
  private mutating func autolink(_ scan: inout InlineScan) -> Bool {
    var end = scan.index + 1
    let limit = min(scan.characters.count, end + MarkdownURL.maximumLength)
    while end < limit, scan.characters[end] != ">", scan.characters[end] != "<",
      scan.characters[end] != " ",
      scan.characters[end] != "\n"
    {
      end += 1
    }
    guard end < limit, scan.characters[end] == ">" else { return false }
    let destination = String(scan.characters[(scan.index + 1)..<end])
    let kind = MarkdownURL.classify(destination)
    guard kind == .external || kind == .mailto else { return false }
    links.append(
      MarkdownLink(
        destination: destination, kind: kind, isImage: false, line: scan.line(at: scan.index)))
    let escaped = HTMLEscape.escape(destination)
    let rel = kind == .external ? " rel=\"noopener noreferrer\"" : ""
    scan.emit("<a href=\"\(escaped)\"\(rel)>\(escaped)</a>", resumingAt: end + 1)
    return true
  }
}

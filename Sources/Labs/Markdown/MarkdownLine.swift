/// One source line and its 1-based line number, kept through container stripping for error messages.
/// The indentation is counted once, so stripping containers level by level stays cheap on long indents.
struct MarkdownLine {
  private(set) var text: Substring
  let number: Int
  /// Leading spaces.
  private(set) var indent: Int

  init(text: Substring, number: Int) {
    self.text = text
    self.number = number
    indent = text.indentation
  }

  /// Whether the line holds only spaces and tabs.
  var isBlank: Bool {
    text.utf8.dropFirst(indent).allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
  }

  /// The line with up to `count` leading spaces removed.
  func dedented(by count: Int) -> MarkdownLine {
    var line = self
    let spaces = min(count, indent)
    line.text = text.dropFirst(spaces)
    line.indent -= spaces
    return line
  }

  /// Splits a document into lines: CR LF and lone CR end lines, tabs in the indentation count as four spaces.
  static func split(_ text: String) -> [MarkdownLine] {
    let normalized = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
    var lines: [MarkdownLine] = []
    for (offset, raw) in normalized.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      var line = raw
      let indent = raw.prefix { $0 == " " || $0 == "\t" }
      if indent.contains("\t") {
        line = Substring(indent.replacing("\t", with: "    ") + raw.dropFirst(indent.count))
      }
      lines.append(MarkdownLine(text: line, number: offset + 1))
    }
    if lines.last?.text.isEmpty == true, lines.count > 1 { lines.removeLast() }
    return lines
  }
}

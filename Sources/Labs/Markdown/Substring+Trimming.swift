extension Substring {
  /// The text without leading and trailing spaces and tabs.
  func trimmingSpaces() -> Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }) else { return self[endIndex...] }
    let last = lastIndex(where: { !isSpace($0) })!
    return self[first...last]
  }

  /// The number of leading spaces (counted on UTF-8, so long indents stay cheap).
  var indentation: Int { utf8.prefix { $0 == UInt8(ascii: " ") }.count }

  /// Whether the line starts with at least `count` spaces, looking at no more than `count` bytes.
  func isIndented(atLeast count: Int) -> Bool {
    let head = utf8.prefix(count)
    return head.count == count && head.allSatisfy { $0 == UInt8(ascii: " ") }
  }

  /// Whether the line holds only spaces and tabs.
  var isBlank: Bool { utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } }
}

/// A list item marker (CommonMark §5.2): `-` or `*`, or 1–9 digits and `.` or `)`, at most three spaces in,
/// followed by a space or the line end.
struct ListMarker {
  let ordered: Bool
  /// `-`, `*`, `.` or `)`: items of one list share it.
  let delimiter: Character
  let number: Int
  /// Columns from the line start to the item's content.
  let contentOffset: Int
  let content: Substring

  init?(_ line: Substring) {
    guard !line.isIndented(atLeast: 4) else { return nil }
    let indent = line.indentation
    let rest = line.dropFirst(indent)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    let markerWidth: Int
    if digits.isEmpty {
      guard let first = rest.first, first == "-" || first == "*" else { return nil }
      ordered = false
      delimiter = first
      number = 1
      markerWidth = 1
    } else {
      guard digits.count <= 9, let next = rest.dropFirst(digits.count).first,
        next == "." || next == ")"
      else {
        return nil
      }
      ordered = true
      delimiter = next
      number = Int(digits) ?? 1
      markerWidth = digits.count + 1
    }
    let afterMarker = rest.dropFirst(markerWidth)
    if afterMarker.isBlank {
      contentOffset = indent + markerWidth + 1
      content = afterMarker[afterMarker.endIndex...]
      return
    }
    let spaces = afterMarker.utf8.prefix(5).prefix { $0 == UInt8(ascii: " ") }.count
    guard spaces >= 1 else { return nil }
    let padding = spaces > 4 ? 1 : spaces
    contentOffset = indent + markerWidth + padding
    content = afterMarker.dropFirst(padding)
  }

  func continues(_ other: ListMarker) -> Bool {
    ordered == other.ordered && delimiter == other.delimiter
  }
}

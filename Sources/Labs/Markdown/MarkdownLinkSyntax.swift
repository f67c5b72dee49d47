/// The bracket-and-parenthesis shape of an inline link (CommonMark §6.3), kept deliberately strict:
/// the text may not contain `[` or `]` (so scanning stays linear), the destination is one run without
/// spaces or parentheses (or `<…>`), and the optional title is quoted with `"` or `'`.
struct MarkdownLinkSyntax {
  static let maximumLabelLength = 1000
  static let maximumTitleLength = 512

  /// Index of the closing `]`.
  let labelEnd: Int
  let destination: ArraySlice<Character>
  let title: ArraySlice<Character>?
  /// Index just past the closing `)`.
  let end: Int

  static func parse(_ characters: [Character], openBracket: Int) -> MarkdownLinkSyntax? {
    var index = openBracket + 1
    let labelLimit = min(characters.count, index + maximumLabelLength)
    while index < labelLimit, characters[index] != "]", characters[index] != "[" {
      index += characters[index] == "\\" ? 2 : 1
    }
    guard index < labelLimit, characters[index] == "]" else { return nil }
    let labelEnd = index
    guard index + 1 < characters.count, characters[index + 1] == "(" else { return nil }
    index += 2
    skipSpaces(characters, &index)
    guard let destination = destination(characters, &index) else { return nil }
    var title: ArraySlice<Character>?
    let beforeSpaces = index
    skipSpaces(characters, &index)
    if index > beforeSpaces, index < characters.count,
      characters[index] == "\"" || characters[index] == "'"
    {
      let quote = characters[index]
      let start = index + 1
      let limit = min(characters.count, start + maximumTitleLength)
      index = start
      while index < limit, characters[index] != quote { index += 1 }
      guard index < limit else { return nil }
      title = characters[start..<index]
      index += 1
      skipSpaces(characters, &index)
    }
    guard index < characters.count, characters[index] == ")" else { return nil }
    return MarkdownLinkSyntax(
      labelEnd: labelEnd, destination: destination, title: title, end: index + 1)
  }

  private static func skipSpaces(_ characters: [Character], _ index: inout Int) {
    while index < characters.count, characters[index] == " " || characters[index] == "\t" {
      index += 1
    }
  }

  private static func destination(_ characters: [Character], _ index: inout Int) -> ArraySlice<
    Character
  >? {
    let limit = min(characters.count, index + MarkdownURL.maximumLength + 2)
    if index < characters.count, characters[index] == "<" {
      let start = index + 1
      var end = start
      while end < limit, characters[end] != ">", characters[end] != "<", characters[end] != "\n" {
        end += 1
      }
      guard end < limit, characters[end] == ">" else { return nil }
      index = end + 1
      return characters[start..<end]
    }
    let start = index
    while index < limit, !" \t\n()".contains(characters[index]) { index += 1 }
    guard index > start, index < limit else { return nil }
    return characters[start..<index]
  }
}

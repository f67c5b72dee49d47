/// A code fence opening line (CommonMark §4.5): at most three spaces of indent, then three or more
/// backticks or tildes, then an info string (which for backtick fences may not contain a backtick).
struct MarkdownFence: Equatable {
  let marker: Character
  let length: Int
  let info: Substring

  /// The fence this line opens, if it opens one.
  static func opening(_ line: Substring) -> MarkdownFence? {
    guard !line.isIndented(atLeast: 4) else { return nil }
    let trimmed = line.drop { $0 == " " }
    guard let marker = trimmed.first, marker == "`" || marker == "~" else {
      return nil
    }
    let run = trimmed.prefix { $0 == marker }
    guard run.count >= 3 else { return nil }
    let info = trimmed.dropFirst(run.count).trimmingSpaces()
    if marker == "`", info.contains("`") { return nil }
    return MarkdownFence(marker: marker, length: run.count, info: info)
  }

  /// CommonMark §4.5: the closing fence uses the same character, at least as many of them, and nothing after.
  func isClosed(by line: Substring) -> Bool {
    guard !line.isIndented(atLeast: 4) else { return false }
    let trimmed = line.drop { $0 == " " }
    let run = trimmed.prefix { $0 == marker }
    return run.count >= length && trimmed.dropFirst(run.count).trimmingSpaces().isEmpty
  }

  /// The first word of the info string.
  var language: Substring { info.prefix { $0 != " " && $0 != "\t" } }
}

import Foundation
import Labs

extension AnswerSpec {
  /// The longest answer judged; longer ones are refused before they are stored.
  static let maximumAnswerLength = 1000

  /// Whether `text` answers the question (Labs/README.md "answer"): a choice must equal `correct`;
  /// free text must equal `correct` ignoring case and outer spaces, or match all of `pattern`
  /// ignoring case.
  func accepts(_ text: String) -> Bool {
    if choices != nil { return text == correct }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if let correct,
      trimmed.lowercased() == correct.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    {
      return true
    }
    guard let pattern, let regex = try? Regex(pattern).ignoresCase() else { return false }
    return (try? regex.wholeMatch(in: trimmed)) != nil
  }
}

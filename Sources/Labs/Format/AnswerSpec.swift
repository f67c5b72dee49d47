/// An ```` ```answer ```` block: a question answered by picking one of `choices` (`correct` is the right
/// one) or by free text that equals `correct` (ignoring case and outer spaces) or matches `pattern`.
public struct AnswerSpec: Sendable, Equatable {
  public let question: String
  public let choices: [String]?
  public let correct: String?
  /// A Swift `Regex`, checked to compile; matched against the whole answer.
  public let pattern: String?
  public let line: Int

  public init(question: String, choices: [String]?, correct: String?, pattern: String?, line: Int) {
    self.question = question
    self.choices = choices
    self.correct = correct
    self.pattern = pattern
    self.line = line
  }
}

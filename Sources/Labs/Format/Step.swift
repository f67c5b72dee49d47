/// One `## ` section of a lab: its prose and the machine-readable blocks that say when it is done.
public struct Step: Sendable, Equatable {
  /// The heading's slug, unique within the lab.
  public let id: String
  public let title: String
  /// Markdown of the section without its `check`, `hint` and `answer` blocks.
  public let body: String
  public let checks: [CheckSpec]
  public let hints: [HintSpec]
  public let answer: AnswerSpec?
  /// Line of the `## ` heading.
  public let line: Int

  public init(
    id: String, title: String, body: String, checks: [CheckSpec], hints: [HintSpec],
    answer: AnswerSpec?, line: Int
  ) {
    self.id = id
    self.title = title
    self.body = body
    self.checks = checks
    self.hints = hints
    self.answer = answer
    self.line = line
  }
}

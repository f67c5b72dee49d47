/// A ```` ```hint ```` block: Markdown text shown after a delay, when a check holds, or on request.
public struct HintSpec: Sendable, Equatable {
  /// `after: 3m`: shown this long after the step opened.
  public let after: Duration?
  /// `when: 2`: shown once the referenced check holds.
  public let when: CheckReference?
  public let text: String
  public let line: Int

  public init(after: Duration?, when: CheckReference?, text: String, line: Int) {
    self.after = after
    self.when = when
    self.text = text
    self.line = line
  }
}

/// What `LabParser` found in one `lab.md`.
public struct LabParseResult: Sendable, Equatable {
  /// `nil` when the front matter is unusable.
  public let lab: Lab?
  public let problems: [LabProblem]
  /// Every link and image in the prose, with its line, for the catalog to resolve against the files.
  public let links: [MarkdownLink]
}

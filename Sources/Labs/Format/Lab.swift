/// One lab: the front matter of `lab.md`, its intro and its steps (Labs/README.md).
public struct Lab: Sendable, Equatable {
  /// The folder name, `NN-slug`.
  public let id: String
  public let title: String
  public let summary: String
  /// Expected duration, 1–240.
  public let minutes: Int
  /// Ids of labs to do first.
  public let needs: [String]
  /// Line of the `needs` key, for problems found across labs.
  public let needsLine: Int?
  public let topology: String?
  /// Markdown before the first step.
  public let intro: String
  public let steps: [Step]

  public init(
    id: String, title: String, summary: String, minutes: Int, needs: [String], needsLine: Int?,
    topology: String?, intro: String, steps: [Step]
  ) {
    self.id = id
    self.title = title
    self.summary = summary
    self.minutes = minutes
    self.needs = needs
    self.needsLine = needsLine
    self.topology = topology
    self.intro = intro
    self.steps = steps
  }
}

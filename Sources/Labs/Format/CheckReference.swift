/// Points at one check of a lab: `when: 2` (this step's second check) or `when: step-id/2`.
public struct CheckReference: Sendable, Equatable {
  public let step: String
  /// 0-based position in the step's `checks` (written 1-based in the file).
  public let index: Int

  public init(step: String, index: Int) {
    self.step = step
    self.index = index
  }
}

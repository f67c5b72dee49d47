/// One line of a learner's timeline: when, what kind (`joined`, `step.started`,
/// `check.failed`, `answer.wrong`, `fault.started`, `sandbox.reset`…) and a sentence.
struct TimelineEntry: Sendable, Equatable {
  /// Unix seconds.
  let at: Double
  let kind: String
  let text: String
}

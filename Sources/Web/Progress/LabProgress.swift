import Labs

/// One learner's progress through one lab as stored: each step's record and latest check results.
struct LabProgress: Sendable {
  let learnerID: Int64
  let lab: Lab
  let steps: [String: StepRecord]
  let results: [String: [CheckResult]]

  /// Steps completed.
  var stepsDone: Int { lab.steps.count { steps[$0.id]?.completedAt != nil } }

  /// The step being worked on: started and not completed.
  var currentStep: Step? {
    lab.steps.first { steps[$0.id]?.startedAt != nil && steps[$0.id]?.completedAt == nil }
  }

  /// `done`, `active` (started) or `locked` (not reached yet).
  func state(of step: Step) -> String {
    guard let record = steps[step.id], record.startedAt != nil else { return "locked" }
    return record.completedAt == nil ? "active" : "done"
  }

  /// Whether check `reference` last held.
  func holds(_ reference: CheckReference) -> Bool {
    results[reference.step]?.first { $0.index == reference.index }?.holds ?? false
  }
}

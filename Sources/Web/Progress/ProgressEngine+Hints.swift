import Foundation
import Labs

extension ProgressEngine {
  /// The step's hints the learner may see at `now` (Labs/README.md "hint"): those whose `after`
  /// has elapsed since the step started, those whose `when` check last held, and the on-request
  /// ones asked for so far; `ask` reveals one more on-request hint. Records the hints seen.
  /// A step not started shows none.
  func hints(learnerID: Int64, lab: Lab, step: Step, now: Date, ask: Bool = false) throws
    -> [HintSpec]
  {
    let progress = try progress(learnerID: learnerID, lab: lab)
    guard let record = progress.steps[step.id], let startedAt = record.startedAt else {
      if ask { throw ProgressEngine.notStarted }
      return []
    }
    let onRequest = step.hints.count { $0.after == nil && $0.when == nil }
    let asked = min(record.hintsAsked + (ask ? 1 : 0), onRequest)
    var requestedSoFar = 0
    let visible = step.hints.filter { hint in
      if let after = hint.after {
        return now.timeIntervalSince1970 - startedAt >= Double(after.components.seconds)
      }
      if let reference = hint.when { return progress.holds(reference) }
      requestedSoFar += 1
      return requestedSoFar <= asked
    }
    if visible.count > record.hintsSeen || asked > record.hintsAsked {
      try store.noteHints(
        seen: visible.count, asked: asked,
        for: StepKey(learnerID: learnerID, lab: lab.id, step: step.id))
    }
    return visible
  }
}

import Foundation
import Labs

extension LabProgress {
  /// A step's hints visible at one moment, and how many on-request hints that counts as asked.
  struct ShownHints: Sendable {
    let hints: [HintSpec]
    let asked: Int
  }

  /// The step's hints visible at `now` (Labs/README.md "hint"): those whose `after` has elapsed
  /// since the step started, those whose `when` check last held, and the on-request ones asked
  /// for so far; `ask` counts one more on-request hint. `nil` for a step not started.
  func visibleHints(of step: Step, at now: Date, ask: Bool = false) -> ShownHints? {
    guard let record = steps[step.id], let startedAt = record.startedAt else { return nil }
    let onRequest = step.hints.count { $0.after == nil && $0.when == nil }
    let asked = min(record.hintsAsked + (ask ? 1 : 0), onRequest)
    var requestedSoFar = 0
    let visible = step.hints.filter { hint in
      if let after = hint.after {
        return now.timeIntervalSince1970 - startedAt >= Double(after.components.seconds)
      }
      if let reference = hint.when { return holds(reference) }
      requestedSoFar += 1
      return requestedSoFar <= asked
    }
    return ShownHints(hints: visible, asked: asked)
  }
}

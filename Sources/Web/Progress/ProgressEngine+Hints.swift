import Foundation
import Labs

extension ProgressEngine {
  /// The step's hints the learner may see at `now` (see ``LabProgress/visibleHints(of:at:ask:)``);
  /// `ask` reveals one more on-request hint. Records the hints seen.
  /// - Throws: 409 when `ask` is set and the step has not started.
  func hints(learnerID: Int64, lab: Lab, step: Step, now: Date, ask: Bool = false) throws
    -> [HintSpec]
  {
    let progress = try progress(learnerID: learnerID, lab: lab)
    guard let shown = progress.visibleHints(of: step, at: now, ask: ask) else {
      if ask { throw ProgressEngine.notStarted }
      return []
    }
    try record([(step, shown)], of: progress)
    return shown.hints
  }

  /// Every step's visible hints at `now` from one stored `progress`, recording the hints seen in
  /// at most one write (none when nothing new shows).
  func hints(of progress: LabProgress, now: Date) throws -> [String: [HintSpec]] {
    var all: [String: [HintSpec]] = [:]
    var shownSteps: [(Step, LabProgress.ShownHints)] = []
    for step in progress.lab.steps {
      guard let shown = progress.visibleHints(of: step, at: now) else { continue }
      all[step.id] = shown.hints
      shownSteps.append((step, shown))
    }
    try record(shownSteps, of: progress)
    return all
  }

  /// Stores the hint counts that grew past what `progress` holds.
  private func record(_ shownSteps: [(Step, LabProgress.ShownHints)], of progress: LabProgress)
    throws
  {
    let grown = shownSteps.compactMap { step, shown -> HintCount? in
      let record = progress.steps[step.id] ?? StepRecord()
      guard shown.hints.count > record.hintsSeen || shown.asked > record.hintsAsked else {
        return nil
      }
      return HintCount(
        key: StepKey(learnerID: progress.learnerID, lab: progress.lab.id, step: step.id),
        seen: shown.hints.count, asked: shown.asked)
    }
    if !grown.isEmpty { try store.noteHints(grown) }
  }
}

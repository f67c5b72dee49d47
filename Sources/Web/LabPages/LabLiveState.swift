import Labs

/// The parts of a lab page that change while the learner works, as element id → plain text:
/// each step's state, each check's last outcome and each step's visible hints. The page renders
/// these texts and the event stream sends the ones that changed (HTML Living Standard §9.2).
struct LabLiveState: Sendable, Equatable {
  /// In page order.
  let entries: [Entry]

  struct Entry: Sendable, Equatable {
    let id: String
    let text: String
  }

  init(progress: LabProgress, hints: [String: [HintSpec]]) {
    var entries: [Entry] = []
    for step in progress.lab.steps {
      entries.append(Entry(id: Self.stateID(step), text: Self.stateText(progress, step)))
      for number in step.judgedChecks.indices.map({ $0 + 1 }) {
        entries.append(
          Entry(
            id: Self.checkID(step, number),
            text: Self.checkText(progress.results[step.id]?.first { $0.index == number - 1 })))
      }
      entries.append(Entry(id: Self.hintsID(step), text: Self.hintsText(hints[step.id] ?? [])))
    }
    self.entries = entries
  }

  /// The text for element `id`; empty when the page has no such element.
  subscript(id: String) -> String { entries.first { $0.id == id }?.text ?? "" }

  /// The entries whose text differs from `previous` (all of them when `previous` is nil).
  func changes(since previous: LabLiveState?) -> [Entry] {
    guard let previous else { return entries }
    let before = Dictionary(previous.entries.map { ($0.id, $0.text) }) { first, _ in first }
    return entries.filter { before[$0.id] != $0.text }
  }

  static func stepID(_ step: Step) -> String { "step-" + step.id }
  static func stateID(_ step: Step) -> String { stepID(step) + "-state" }
  static func checkID(_ step: Step, _ number: Int) -> String { stepID(step) + "-check-\(number)" }
  static func hintsID(_ step: Step) -> String { stepID(step) + "-hints" }

  /// "Not started", "Current step", "Done" or "Solved by the solver".
  static func stateText(_ progress: LabProgress, _ step: Step) -> String {
    switch progress.state(of: step) {
    case "active": "Current step"
    case "done": progress.steps[step.id]?.solvedBySolver == true ? "Solved by the solver" : "Done"
    default: "Not started"
    }
  }

  /// "passed: reason", "failed: reason", "pending: reason" or "not checked yet".
  static func checkText(_ result: CheckResult?) -> String {
    guard let result else { return "not checked yet" }
    return result.reason.isEmpty ? result.outcome : "\(result.outcome): \(result.reason)"
  }

  /// The hints' Markdown source, one paragraph each, or a note that there are none.
  static func hintsText(_ hints: [HintSpec]) -> String {
    hints.isEmpty ? "No hints shown yet." : hints.map(\.text).joined(separator: "\n\n")
  }
}

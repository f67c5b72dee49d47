import Foundation
import Labs

extension LabProgress {
  /// The labs list entry: `{"id", "title", "summary", "minutes", "needs", "stepsDone",
  /// "stepsTotal"}`.
  var summaryJSON: [String: Any] {
    [
      "id": lab.id, "title": lab.title, "summary": lab.summary, "minutes": lab.minutes,
      "needs": lab.needs, "stepsDone": stepsDone, "stepsTotal": lab.steps.count,
    ]
  }

  /// The lab page's data: the summary, `intro` (Markdown) and `steps`, each with the hints in
  /// `hints` (from ``ProgressEngine/hints(learnerID:lab:step:now:ask:)``). Never the correct
  /// answer.
  func detailJSON(hints: [String: [HintSpec]]) -> [String: Any] {
    var json = summaryJSON
    json["intro"] = lab.intro
    json["steps"] = lab.steps.map { stepJSON($0, hints: hints[$0.id] ?? []) }
    return json
  }

  /// `{"id", "title", "body", "state", "startedAt", "completedAt", "attempts", "solvedBySolver",
  /// "solverAllowed", "checks": [{"number", "kind", "outcome", "reason", "checkedAt"}],
  /// "hints": [markdown], "hintsOnRequest", "question": {"text", "choices"} | null}`; times in
  /// ISO 8601 UTC or `null`.
  func stepJSON(_ step: Step, hints: [HintSpec]) -> [String: Any] {
    let record = steps[step.id] ?? StepRecord()
    let stored = results[step.id] ?? []
    let checks: [[String: Any]] = step.judgedChecks.enumerated().map { index, check in
      let result = stored.first { $0.index == index }
      return [
        "number": index + 1, "kind": check.kind,
        "outcome": result?.outcome ?? CheckOutcome.pending("").name,
        "reason": result?.reason ?? "not checked yet",
        "checkedAt": Self.time(result?.checkedAt),
      ]
    }
    let question: Any =
      step.answer.map { answer -> [String: Any] in
        ["text": answer.question, "choices": answer.choices.map { $0 as Any } ?? NSNull()]
      } ?? NSNull()
    return [
      "id": step.id, "title": step.title, "body": step.body, "state": state(of: step),
      "startedAt": Self.time(record.startedAt), "completedAt": Self.time(record.completedAt),
      "attempts": record.attempts, "solvedBySolver": record.solvedBySolver,
      "solverAllowed": record.allowSolver, "checks": checks, "hints": hints.map(\.text),
      "hintsOnRequest": step.hints.count { $0.after == nil && $0.when == nil },
      "question": question,
    ]
  }

  private static func time(_ seconds: Double?) -> Any {
    seconds.map { ISOTime.string($0) as Any } ?? NSNull()
  }
}

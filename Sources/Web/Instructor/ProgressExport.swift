import Foundation

/// Progress and answers of one event after it (issue #5 item 4): one row per learner and step
/// with its times, as CSV (RFC 4180) or JSON (RFC 8259). Times are ISO 8601 UTC, durations in
/// whole seconds; a step not started has empty times.
struct ProgressExport {
  let columns: [BoardColumn]
  let learners: [BoardLearner]
  let answers: [Int64: [LabStep: AnswerTally]]

  static let header = [
    "learner_id", "learner", "joined_at", "lab", "step", "state", "started_at", "completed_at",
    "seconds",
    "failed_attempts", "hints_seen", "solved_by_solver", "answers", "wrong_answers",
    "last_answer",
  ]

  /// Each row's values in ``header`` order, as text.
  var rows: [[String]] {
    learners.flatMap { learner in
      columns.map { column in
        let record = learner.steps[column.id]
        let tally = answers[learner.id]?[column.id]
        let seconds = record?.startedAt.flatMap { started in
          record?.completedAt.map { String(Int(($0 - started).rounded())) }
        }
        return [
          String(learner.id), learner.name, ISOTime.string(learner.joinedAt), column.id.lab,
          column.id.step,
          BoardCellState(record).rawValue, record?.startedAt.map(ISOTime.string) ?? "",
          record?.completedAt.map(ISOTime.string) ?? "", seconds ?? "",
          String(record?.attempts ?? 0), String(record?.hintsSeen ?? 0),
          record?.solvedBySolver == true ? "true" : "false", String(tally?.count ?? 0),
          String(tally?.wrong ?? 0), tally?.latest ?? "",
        ]
      }
    }
  }

  var csv: String {
    CSV.line(Self.header) + rows.map(CSV.line).joined()
  }

  /// `{"rows": [{header: value}]}`, numbers and booleans as such and empty times as null.
  var json: [String: Any] {
    let numeric: Set<String> = [
      "learner_id", "seconds", "failed_attempts", "hints_seen", "answers", "wrong_answers",
    ]
    let objects = rows.map { values in
      var object: [String: Any] = [:]
      for (name, value) in zip(Self.header, values) {
        if numeric.contains(name) {
          object[name] = Int(value).map { $0 as Any } ?? NSNull()
        } else if name == "solved_by_solver" {
          object[name] = value == "true"
        } else if name.hasSuffix("_at") {
          object[name] = value.isEmpty ? NSNull() : value
        } else {
          object[name] = value
        }
      }
      return object
    }
    return ["rows": objects]
  }
}

import Store

/// Learner progress in the workshop database (``ProgressSchema``). Every write is one
/// transaction, committed before it returns, so a response never reports unsaved progress.
struct ProgressStore: Sendable {
  let database: Database

  /// Changes of outcome kept per check in `check_history`.
  static let historyLimit = 20
  /// Answers kept per step.
  static let answerLimit = 20

  /// The learner's stored steps of `lab`, by step id.
  func steps(learnerID: Int64, lab: String) throws -> [String: StepRecord] {
    try database.read { try Self.steps(learnerID: learnerID, lab: lab, on: $0) }
  }

  /// The learner's stored steps of `lab` and their latest check results, by step id, read in
  /// one transaction so the two agree.
  func progress(learnerID: Int64, lab: String) throws -> (
    steps: [String: StepRecord], results: [String: [CheckResult]]
  ) {
    try database.read { connection in
      var results: [String: [CheckResult]] = [:]
      for row in try connection.query(
        """
        SELECT step, check_index, outcome, reason, checked_at FROM check_results
        WHERE learner_id = ? AND lab = ? ORDER BY check_index
        """, [.integer(learnerID), .text(lab)])
      {
        if let step = row.string("step"), let result = CheckResult(row: row) {
          results[step, default: []].append(result)
        }
      }
      return (try Self.steps(learnerID: learnerID, lab: lab, on: connection), results)
    }
  }

  private static func steps(learnerID: Int64, lab: String, on connection: Connection) throws
    -> [String: StepRecord]
  {
    var records: [String: StepRecord] = [:]
    for row in try connection.query(
      "SELECT * FROM lab_steps WHERE learner_id = ? AND lab = ?",
      [.integer(learnerID), .text(lab)])
    {
      if let step = row.string("step") { records[step] = StepRecord(row: row) }
    }
    return records
  }

  /// Marks the learner active on `lab` and `step` started at `time`, unless started before.
  func open(_ key: StepKey, at time: Double) throws {
    try database.write { connection in
      _ = try connection.execute(
        "INSERT OR REPLACE INTO open_labs (learner_id, lab, opened_at) VALUES (?, ?, ?)",
        [.integer(key.learnerID), .text(key.lab), .real(time)])
      try Self.start(key, at: time, on: connection)
    }
  }

  /// Stores the outcomes of a step's checks; when all hold, completes the step and starts `next`
  /// (or, at the end of the lab, closes it). A failed check the learner asked for is an attempt.
  func store(
    _ outcomes: [CheckOutcome], for key: StepKey, at time: Double, countAttempt: Bool,
    next: String?
  ) throws {
    try database.write { connection in
      for (index, outcome) in outcomes.enumerated() {
        try Self.store(outcome, index: index, for: key, at: time, on: connection)
      }
      if outcomes.allSatisfy(\.holds) {
        _ = try connection.execute(
          """
          UPDATE lab_steps SET completed_at = ?
          WHERE \(StepKey.condition) AND completed_at IS NULL
          """,
          [.real(time)] + key.values)
        if let next {
          try Self.start(
            StepKey(learnerID: key.learnerID, lab: key.lab, step: next), at: time, on: connection)
        } else {
          _ = try connection.execute(
            "DELETE FROM open_labs WHERE learner_id = ? AND lab = ?",
            [.integer(key.learnerID), .text(key.lab)])
        }
      } else if countAttempt {
        try Self.countAttempt(key, on: connection)
      }
    }
  }

  /// Stores an answer (keeping the latest ``answerLimit``); a wrong one is an attempt.
  func storeAnswer(_ text: String, correct: Bool, for key: StepKey, at time: Double) throws {
    try database.write { connection in
      _ = try connection.execute(
        """
        INSERT INTO answers (learner_id, lab, step, text, correct, answered_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """, key.values + [.text(text), .integer(correct ? 1 : 0), .real(time)])
      _ = try connection.execute(
        """
        DELETE FROM answers WHERE \(StepKey.condition) AND id NOT IN
          (SELECT id FROM answers WHERE \(StepKey.condition) ORDER BY id DESC LIMIT ?)
        """, key.values + key.values + [.integer(Int64(Self.answerLimit))])
      if !correct { try Self.countAttempt(key, on: connection) }
    }
  }

  /// The learner's latest answer on the step.
  func latestAnswer(_ key: StepKey) throws -> String? {
    try database.read { connection in
      try connection.queryOne(
        "SELECT text FROM answers WHERE \(StepKey.condition) ORDER BY id DESC LIMIT 1", key.values
      )?.string("text")
    }
  }

  /// Raises each step's `hints_seen` and `hints_asked` to the counts given, in one transaction.
  func noteHints(_ counts: [HintCount]) throws {
    try database.write { connection in
      for count in counts {
        _ = try connection.execute(
          """
          UPDATE lab_steps SET hints_seen = max(hints_seen, ?), hints_asked = max(hints_asked, ?)
          WHERE \(StepKey.condition)
          """, [.integer(Int64(count.seen)), .integer(Int64(count.asked))] + count.key.values)
      }
    }
  }

  /// Lets (or stops letting) the solver perform the step for the learner.
  func allowSolver(_ allowed: Bool, for key: StepKey) throws {
    try database.write { connection in
      _ = try connection.execute(
        """
        INSERT INTO lab_steps (learner_id, lab, step, allow_solver) VALUES (?, ?, ?, ?)
        ON CONFLICT (learner_id, lab, step) DO UPDATE SET allow_solver = excluded.allow_solver
        """, key.values + [.integer(allowed ? 1 : 0)])
    }
  }

  /// Records that the solver performed the step.
  func markSolved(_ key: StepKey) throws {
    try database.write { connection in
      _ = try connection.execute(
        "UPDATE lab_steps SET solved_by_solver = 1 WHERE \(StepKey.condition)", key.values)
    }
  }

  /// Up to `limit` learners with an open lab, by learner id after `learnerID` (round-robin).
  func openLabs(after learnerID: Int64, limit: Int) throws -> [(learnerID: Int64, lab: String)] {
    try database.read { connection in
      try connection.query(
        "SELECT learner_id, lab FROM open_labs WHERE learner_id > ? ORDER BY learner_id LIMIT ?",
        [.integer(learnerID), .integer(Int64(limit))]
      ).compactMap { row in
        guard let id = row.int64("learner_id"), let lab = row.string("lab") else { return nil }
        return (id, lab)
      }
    }
  }

  /// Sets `started_at` of the step unless it has one.
  private static func start(_ key: StepKey, at time: Double, on connection: Connection) throws {
    _ = try connection.execute(
      """
      INSERT INTO lab_steps (learner_id, lab, step, started_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (learner_id, lab, step) DO UPDATE
      SET started_at = coalesce(started_at, excluded.started_at)
      """, key.values + [.real(time)])
  }

  private static func countAttempt(_ key: StepKey, on connection: Connection) throws {
    _ = try connection.execute(
      "UPDATE lab_steps SET attempts = attempts + 1 WHERE \(StepKey.condition)", key.values)
  }

  /// Replaces the latest result of check `index`; a changed outcome or reason also goes to the
  /// history, pruned to ``historyLimit``.
  private static func store(
    _ outcome: CheckOutcome, index: Int, for key: StepKey, at time: Double,
    on connection: Connection
  ) throws {
    let checkKey = key.values + [.integer(Int64(index))]
    let condition = "\(StepKey.condition) AND check_index = ?"
    let previous = try connection.queryOne(
      "SELECT outcome, reason FROM check_results WHERE \(condition)", checkKey)
    let values = checkKey + [.text(outcome.name), .text(outcome.reason), .real(time)]
    _ = try connection.execute(
      """
      INSERT OR REPLACE INTO check_results
        (learner_id, lab, step, check_index, outcome, reason, checked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, values)
    guard
      previous?.string("outcome") != outcome.name || previous?.string("reason") != outcome.reason
    else { return }
    _ = try connection.execute(
      """
      INSERT INTO check_history (learner_id, lab, step, check_index, outcome, reason, checked_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """, values)
    _ = try connection.execute(
      """
      DELETE FROM check_history WHERE \(condition) AND id NOT IN
        (SELECT id FROM check_history WHERE \(condition) ORDER BY id DESC LIMIT ?)
      """, checkKey + checkKey + [.integer(Int64(historyLimit))])
  }
}

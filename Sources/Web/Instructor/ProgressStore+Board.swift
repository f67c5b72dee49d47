import Store

extension ProgressStore {
  /// Most learners the board, summary and export read at once.
  static let boardLearnerLimit = 2000

  /// The event's learners (oldest first, at most `limit`) with every step record they have:
  /// one query, whatever the number of learners (issue #5 item 2: 200 learners in ≤ 50 ms).
  func boardLearners(eventID: Int64, limit: Int = boardLearnerLimit) throws -> [BoardLearner] {
    try database.read { connection in
      let rows = try connection.query(
        """
        SELECT learners.id AS id, learners.display_name AS name, learners.created_at AS joined,
          s.lab AS lab, s.step AS step, s.started_at AS started_at, s.completed_at AS completed_at,
          s.attempts AS attempts, s.hints_seen AS hints_seen, s.hints_asked AS hints_asked,
          s.solved_by_solver AS solved_by_solver, s.allow_solver AS allow_solver
        FROM learners LEFT JOIN lab_steps AS s ON s.learner_id = learners.id
        WHERE learners.id IN (SELECT id FROM learners WHERE event_id = ? ORDER BY id LIMIT ?)
        ORDER BY learners.id
        """, [.integer(eventID), SQLValue(limit)])
      var learners: [BoardLearner] = []
      for row in rows {
        guard let id = row.int64("id") else { continue }
        if learners.last?.id != id {
          learners.append(
            BoardLearner(
              id: id, name: row.string("name") ?? "", joinedAt: row.double("joined") ?? 0,
              steps: [:]))
        }
        if let lab = row.string("lab"), let step = row.string("step") {
          learners[learners.count - 1].steps[LabStep(lab: lab, step: step)] = StepRecord(row: row)
        }
      }
      return learners
    }
  }
}

import Store

extension ProgressStore {
  /// Each learner's answers per step in event `eventID`, in one query.
  func answerTallies(eventID: Int64) throws -> [Int64: [LabStep: AnswerTally]] {
    try database.read { connection in
      var tallies: [Int64: [LabStep: AnswerTally]] = [:]
      for row in try connection.query(
        """
        SELECT a.learner_id AS learner, a.lab AS lab, a.step AS step, count(*) AS n,
          sum(a.correct = 0) AS wrong,
          (SELECT text FROM answers AS latest WHERE latest.learner_id = a.learner_id
            AND latest.lab = a.lab AND latest.step = a.step ORDER BY latest.id DESC LIMIT 1) AS latest
        FROM answers AS a JOIN learners ON learners.id = a.learner_id
        WHERE learners.event_id = ? GROUP BY a.learner_id, a.lab, a.step
        """, [.integer(eventID)])
      {
        guard let learner = row.int64("learner"), let lab = row.string("lab"),
          let step = row.string("step")
        else { continue }
        tallies[learner, default: [:]][LabStep(lab: lab, step: step)] = AnswerTally(
          count: row.int("n") ?? 0, wrong: row.int("wrong") ?? 0,
          latest: row.string("latest") ?? "")
      }
      return tallies
    }
  }

  /// The wrong answers given most often in event `eventID` (case and surrounding spaces
  /// ignored), most frequent first, at most `limit`.
  func commonWrongAnswers(eventID: Int64, limit: Int) throws -> [WrongAnswer] {
    try database.read { connection in
      try connection.query(
        """
        SELECT a.lab AS lab, a.step AS step, lower(trim(a.text)) AS text, count(*) AS n
        FROM answers AS a JOIN learners ON learners.id = a.learner_id
        WHERE learners.event_id = ? AND a.correct = 0
        GROUP BY a.lab, a.step, lower(trim(a.text)) ORDER BY n DESC, lab, step, text LIMIT ?
        """, [.integer(eventID), SQLValue(limit)]
      ).compactMap { row in
        guard let lab = row.string("lab"), let step = row.string("step"),
          let text = row.string("text")
        else { return nil }
        return WrongAnswer(
          step: LabStep(lab: lab, step: step), text: text, count: row.int("n") ?? 0)
      }
    }
  }
}

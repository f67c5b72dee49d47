import Store

/// Everything one learner did, in time order (issue #5 item 3), read from the tables that keep
/// it: joining (`learners`), steps started, completed or solved and hints seen (`lab_steps`),
/// each change of a check's outcome (`check_history`), answers (`answers`), faults (`faults`),
/// and instructor actions, messages sent and sandbox starts and stops (`activity`). Each source
/// is bounded by ``perSourceLimit``.
enum LearnerTimeline {
  static let perSourceLimit = 500

  /// The learner's timeline, oldest first; `stepTitles` names steps by lab and step id.
  static func load(
    _ database: Database, learnerID: Int64, stepTitles: [LabStep: String]
  ) throws -> [TimelineEntry] {
    try database.read { connection in
      let id: [SQLValue] = [.integer(learnerID), SQLValue(perSourceLimit)]
      func title(_ row: Row) -> String {
        let key = LabStep(lab: row.string("lab") ?? "", step: row.string("step") ?? "")
        return stepTitles[key] ?? "\(key.lab)/\(key.step)"
      }
      var entries: [TimelineEntry] = []
      for row in try connection.query(
        "SELECT created_at FROM learners WHERE id = ? LIMIT ?", id)
      {
        entries.append(
          TimelineEntry(at: row.double("created_at") ?? 0, kind: "joined", text: "Joined the event")
        )
      }
      for row in try connection.query(
        "SELECT * FROM lab_steps WHERE learner_id = ? LIMIT ?", id)
      {
        let step = title(row)
        if let started = row.double("started_at") {
          entries.append(
            TimelineEntry(at: started, kind: "step.started", text: "Started “\(step)”"))
          let hints = row.int("hints_seen") ?? 0
          if hints > 0 {
            entries.append(
              TimelineEntry(
                at: started, kind: "hints",
                text: "Saw \(hints) hint\(hints == 1 ? "" : "s") on “\(step)”"))
          }
        }
        if let completed = row.double("completed_at") {
          let solved = row.bool("solved_by_solver") == true
          entries.append(
            TimelineEntry(
              at: completed, kind: solved ? "step.completed.solver" : "step.completed",
              text: solved ? "Completed “\(step)” with the solver" : "Completed “\(step)”"))
        }
      }
      for row in try connection.query(
        """
        SELECT lab, step, check_index, outcome, reason, checked_at FROM check_history
        WHERE learner_id = ? ORDER BY id DESC LIMIT ?
        """, id
      ).reversed() {
        let outcome = row.string("outcome") ?? ""
        let reason = row.string("reason") ?? ""
        entries.append(
          TimelineEntry(
            at: row.double("checked_at") ?? 0, kind: "check.\(outcome)",
            text: "Check \((row.int("check_index") ?? 0) + 1) of “\(title(row))” \(outcome)"
              + (reason.isEmpty ? "" : ": \(reason)")))
      }
      for row in try connection.query(
        "SELECT lab, step, text, correct, answered_at FROM answers WHERE learner_id = ? ORDER BY id DESC LIMIT ?",
        id
      ).reversed() {
        let right = row.bool("correct") == true
        entries.append(
          TimelineEntry(
            at: row.double("answered_at") ?? 0, kind: right ? "answer.right" : "answer.wrong",
            text:
              "Answered “\(row.string("text") ?? "")” on “\(title(row))”: \(right ? "right" : "wrong")"
          ))
      }
      for row in try connection.query(
        "SELECT kind, target, started_at, ended_at FROM faults WHERE learner_id = ? ORDER BY id DESC LIMIT ?",
        id
      ).reversed() {
        let fault = "\(row.string("kind") ?? "") on \(row.string("target") ?? "")"
        entries.append(
          TimelineEntry(
            at: row.double("started_at") ?? 0, kind: "fault.started", text: "Triggered \(fault)"))
        if let ended = row.double("ended_at") {
          entries.append(TimelineEntry(at: ended, kind: "fault.ended", text: "Ended \(fault)"))
        }
      }
      for row in try connection.query(
        "SELECT at, kind, detail FROM activity WHERE learner_id = ? ORDER BY id DESC LIMIT ?", id
      ).reversed() {
        entries.append(
          TimelineEntry(
            at: row.double("at") ?? 0, kind: row.string("kind") ?? "",
            text: row.string("detail") ?? ""))
      }
      // Newest of each source were read (bounded), put back in order; the sort is stable.
      return entries.sorted { $0.at < $1.at }
    }
  }
}

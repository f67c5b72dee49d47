import Store

/// One learner's stored progress on one step (`lab_steps`).
struct StepRecord: Sendable, Equatable {
  var startedAt: Double?
  var completedAt: Double?
  /// Failed "check now" requests and wrong answers.
  var attempts = 0
  /// The most hints shown at once.
  var hintsSeen = 0
  /// How many of the on-request hints the learner asked for, in order.
  var hintsAsked = 0
  var solvedBySolver = false
  /// Set by an instructor: the solver may perform this step.
  var allowSolver = false

  init() {}

  /// Reads a row of `SELECT * FROM lab_steps`.
  init(row: Row) {
    startedAt = row.double("started_at")
    completedAt = row.double("completed_at")
    attempts = row.int("attempts") ?? 0
    hintsSeen = row.int("hints_seen") ?? 0
    hintsAsked = row.int("hints_asked") ?? 0
    solvedBySolver = row.bool("solved_by_solver") ?? false
    allowSolver = row.bool("allow_solver") ?? false
  }
}

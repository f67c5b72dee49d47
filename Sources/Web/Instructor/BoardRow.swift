/// One learner's line on the board: a cell per step and where they are now.
struct BoardRow: Sendable, Equatable {
  let learnerID: Int64
  let name: String
  /// One per board column, in column order.
  let cells: [BoardCellState]
  /// Index of the column the learner works on now (the latest step started and not done).
  let current: Int?
  /// Seconds on the current step.
  let secondsOnCurrent: Double?
  /// Failed checks and wrong answers on the current step.
  let failedAttempts: Int
  /// Hints seen on the current step.
  let hintsSeen: Int
  /// `running`, `stopping`, `stopped` or `none`.
  let sandbox: String
  /// Why the learner counts as stuck, or `nil`.
  let stuck: String?
}

import Store

/// One learner on one step of one lab: the key of every progress table.
struct StepKey: Sendable, Hashable {
  let learnerID: Int64
  let lab: String
  let step: String

  /// `learner_id = ? AND lab = ? AND step = ?` for SQL.
  static let condition = "learner_id = ? AND lab = ? AND step = ?"

  /// The values for ``condition``.
  var values: [SQLValue] { [.integer(learnerID), .text(lab), .text(step)] }
}

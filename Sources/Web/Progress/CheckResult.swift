import Store

/// The latest stored outcome of one check (`check_results`).
struct CheckResult: Sendable, Equatable {
  /// 0-based position in the step's checks.
  let index: Int
  /// `passed`, `failed` or `pending` (``CheckOutcome/name``).
  let outcome: String
  let reason: String
  let checkedAt: Double

  var holds: Bool { outcome == CheckOutcome.passed.name }

  init(index: Int, outcome: String, reason: String, checkedAt: Double) {
    self.index = index
    self.outcome = outcome
    self.reason = reason
    self.checkedAt = checkedAt
  }

  /// Reads a row of `SELECT check_index, outcome, reason, checked_at FROM check_results`.
  init?(row: Row) {
    guard let index = row.int("check_index"), let outcome = row.string("outcome"),
      let reason = row.string("reason"), let checkedAt = row.double("checked_at")
    else { return nil }
    self.init(index: index, outcome: outcome, reason: reason, checkedAt: checkedAt)
  }
}

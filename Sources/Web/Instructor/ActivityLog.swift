import Foundation
import Store

/// What happened to a learner that no other table keeps (issue #5 item 3): instructor actions
/// on them (sandbox reset, stop, extend, solver allowed, message sent) and, through
/// ``WebApp/recordLearnerActivity(learnerID:kind:detail:)``, their own sandbox starts and stops.
/// Shown on the learner's timeline.
enum ActivityLog {
  /// Longest detail kept.
  static let maxDetail = 1000

  /// Appends an entry inside the caller's transaction.
  static func record(
    _ connection: Connection, learnerID: Int64, kind: String, detail: String, at time: Double
  ) throws {
    try connection.execute(
      "INSERT INTO activity (learner_id, at, kind, detail) VALUES (?, ?, ?, ?)",
      [.integer(learnerID), .real(time), .text(kind), .text(String(detail.prefix(maxDetail)))])
  }
}

import Store
import Wire

extension AccountService {
  /// The capacity rule of an event (issue #5 item 1), checked inside the join transaction
  /// after ``checkOpen(opens:closes:now:)`` so two learners cannot take the last place together.
  /// Reads `SELECT *`, so a database without ``InstructorSchema`` (account-only test fixtures)
  /// simply has no limit.
  /// - Throws: `HTTPError` 403 "this event is full" with a message for the learner.
  static func checkJoinAllowed(_ connection: Connection, eventID: Int64) throws {
    guard
      let capacity = try connection.queryOne(
        "SELECT * FROM events WHERE id = ?", [.integer(eventID)])?.int("capacity")
    else { return }
    let joined =
      try connection.queryOne(
        "SELECT count(*) AS n FROM learners WHERE event_id = ?", [.integer(eventID)])?.int("n")
      ?? 0
    guard joined < capacity else {
      throw HTTPError(
        .forbidden, "this event is full: all \(capacity) places are taken; ask your instructor")
    }
  }
}

import Foundation
import Store
import Wire

extension AccountService {
  /// Joins the event whose code is `code` as a new learner called `name`.
  /// - Returns: the session token, the learner's id and the rejoin token (shown once).
  /// - Throws: `HTTPError` 400 for a bad name, 404 "no event with that code", 403 when the
  ///   event is not open.
  public func join(code: String, name: String) throws -> JoinResult {
    let displayName = try DisplayName.validate(name)
    guard let code = EventCode.normalize(code) else {
      throw HTTPError(.notFound, "no event with that code")
    }
    let now = clock()
    return try database.write { connection in
      guard
        let event = try connection.queryOne(
          "SELECT id, opens_at, closes_at FROM events WHERE join_code = ?", [.text(code)]),
        let eventID = event.int64("id")
      else { throw HTTPError(.notFound, "no event with that code") }
      try Self.checkOpen(
        opens: event.double("opens_at"), closes: event.double("closes_at"), now: now)
      try Self.checkJoinAllowed(connection, eventID: eventID)
      let rejoin = Token.generate()
      try connection.execute(
        "INSERT INTO learners (event_id, display_name, rejoin_token_hash, created_at) VALUES (?, ?, ?, ?)",
        [
          .integer(eventID), .text(displayName), .text(rejoin.sha256Hex),
          .real(now.timeIntervalSince1970),
        ])
      let learnerID = connection.lastInsertRowID
      let session = try Self.createSession(connection, role: .learner, ownerID: learnerID, now: now)
      return JoinResult(sessionToken: session, learnerID: learnerID, rejoinToken: rejoin)
    }
  }

  /// Starts a new session for the learner whose rejoin link holds `token`.
  /// - Throws: `HTTPError` 404 for an unknown link, 403 when the event has closed.
  /// The display name behind a rejoin link, without signing in (the confirmation page).
  /// - Throws: 404 for an unknown link.
  public func learnerName(forRejoin token: Token) throws -> String {
    let row = try database.read { connection in
      try connection.queryOne(
        "SELECT display_name AS name FROM learners WHERE rejoin_token_hash = ?",
        [.text(token.sha256Hex)])
    }
    guard let name = row?.string("name") else { throw HTTPError(.notFound, "unknown rejoin link") }
    return name
  }

  public func rejoin(token: Token) throws -> JoinResult {
    let now = clock()
    return try database.write { connection in
      guard
        let row = try connection.queryOne(
          """
          SELECT learners.id AS id, events.opens_at AS opens_at, events.closes_at AS closes_at
          FROM learners JOIN events ON events.id = learners.event_id WHERE learners.rejoin_token_hash = ?
          """, [.text(token.sha256Hex)]),
        let learnerID = row.int64("id")
      else { throw HTTPError(.notFound, "unknown rejoin link") }
      try Self.checkOpen(opens: row.double("opens_at"), closes: row.double("closes_at"), now: now)
      let session = try Self.createSession(connection, role: .learner, ownerID: learnerID, now: now)
      return JoinResult(sessionToken: session, learnerID: learnerID, rejoinToken: nil)
    }
  }

  /// Refuses joining before an event opens or after it closes (both optional).
  static func checkOpen(opens: Double?, closes: Double?, now: Date) throws(HTTPError) {
    let time = now.timeIntervalSince1970
    if let opens, time < opens { throw HTTPError(.forbidden, "this event has not opened yet") }
    if let closes, time >= closes { throw HTTPError(.forbidden, "this event has closed") }
  }
}

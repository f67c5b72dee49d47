import Foundation
import Store
import Wire

/// Events as instructors manage them (issue #5 item 1), in the workshop database. Each change
/// is one transaction together with its audit line.
struct EventStore: Sendable {
  let database: Database

  /// Most events listed.
  static let listLimit = 200

  /// Every event, oldest first, at most ``listLimit``.
  func list() throws -> [EventSettings] {
    try database.read { connection in
      let labs = try Self.labsByEvent(connection, eventID: nil)
      return try connection.query(
        "SELECT * FROM events ORDER BY id LIMIT ?", [SQLValue(Self.listLimit)]
      ).compactMap { row in
        row.int64("id").flatMap { EventSettings(row: row, labs: labs[$0] ?? []) }
      }
    }
  }

  /// Event `id`, or `nil`.
  func event(_ id: Int64) throws -> EventSettings? {
    try database.read { connection in try Self.event(connection, id: id) }
  }

  /// The event of learner `learnerID`, or `nil` for an unknown learner.
  func event(ofLearner learnerID: Int64) throws -> EventSettings? {
    try database.read { connection in
      guard
        let eventID = try connection.queryOne(
          "SELECT event_id FROM learners WHERE id = ?", [.integer(learnerID)])?.int64("event_id")
      else { return nil }
      return try Self.event(connection, id: eventID)
    }
  }

  /// Creates (no id) or updates the event and its labs; writes the audit line.
  /// - Returns: the event's id.
  /// - Throws: 404 for an unknown id, 409 when another event has the join code.
  func save(_ settings: EventSettings, actor: String, now: Date) throws -> Int64 {
    try database.write { connection in
      let values: [SQLValue] = [
        .text(settings.name), .text(settings.code), settings.opensAt.map(SQLValue.real) ?? .null,
        settings.closesAt.map(SQLValue.real) ?? .null,
        settings.capacity.map { SQLValue($0) } ?? .null, SQLValue(settings.solverAllowed),
        SQLValue(settings.idleStopMinutes),
      ]
      let id: Int64
      do {
        if let existing = settings.id {
          let changed = try connection.execute(
            """
            UPDATE events SET name = ?, join_code = ?, opens_at = ?, closes_at = ?, capacity = ?,
            solver_allowed = ?, idle_stop_minutes = ? WHERE id = ?
            """, values + [.integer(existing)])
          guard changed == 1 else { throw HTTPError(.notFound, "no such event") }
          id = existing
        } else {
          try connection.execute(
            """
            INSERT INTO events (name, join_code, opens_at, closes_at, capacity, solver_allowed,
            idle_stop_minutes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, values + [.real(now.timeIntervalSince1970)])
          id = connection.lastInsertRowID
        }
      } catch let error as StoreError where error.kind == .constraintUnique {
        throw HTTPError(.conflict, "another event already uses join code \(settings.code)")
      }
      try connection.execute("DELETE FROM event_labs WHERE event_id = ?", [.integer(id)])
      for (position, lab) in settings.labs.enumerated() {
        try connection.execute(
          "INSERT INTO event_labs (event_id, lab, position) VALUES (?, ?, ?)",
          [.integer(id), .text(lab), SQLValue(position)])
      }
      try AccountService.audit(
        connection, now: now, actor: actor,
        action: settings.id == nil ? "event.created" : "event.updated",
        detail: "event \(id) \(settings.code) \(settings.name)")
      return id
    }
  }

  static func event(_ connection: Connection, id: Int64) throws -> EventSettings? {
    guard let row = try connection.queryOne("SELECT * FROM events WHERE id = ?", [.integer(id)])
    else { return nil }
    return EventSettings(row: row, labs: try labsByEvent(connection, eventID: id)[id] ?? [])
  }

  /// Each event's labs in order; all events when `eventID` is `nil`.
  private static func labsByEvent(_ connection: Connection, eventID: Int64?) throws -> [Int64:
    [String]]
  {
    let rows =
      if let eventID {
        try connection.query(
          "SELECT event_id, lab FROM event_labs WHERE event_id = ? ORDER BY position",
          [.integer(eventID)])
      } else {
        try connection.query("SELECT event_id, lab FROM event_labs ORDER BY event_id, position")
      }
    var labs: [Int64: [String]] = [:]
    for row in rows {
      if let id = row.int64("event_id"), let lab = row.string("lab") {
        labs[id, default: []].append(lab)
      }
    }
    return labs
  }
}

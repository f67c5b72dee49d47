import Foundation
import Store
import Wire

/// Accounts, sessions and sign-in for one workshop database: learners join an event with
/// its code, instructors sign in with a password, and every session is a random token
/// stored only as its SHA-256 (DESIGN.md "Security model").
public final class AccountService: Sendable {
  public static let defaultEventName = "Sidecar Lab workshop"
  /// Most learners listed on one page.
  public static let learnerListLimit = 500

  let database: Database
  let clock: @Sendable () -> Date
  let hasher: PasswordHasher
  let limiter: SignInLimiter
  /// The event learners join with its code; made on first start.
  public let defaultEvent: EventInfo

  /// Opens the service on a migrated database (``AccountSchema/migrations``) and makes sure
  /// the default event exists, with `eventCode` when given (else a generated one).
  /// - Throws: ``ConfigurationError`` for an `eventCode` that is not 6–8 letters or digits.
  public convenience init(
    database: Database, eventCode: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }
  ) throws {
    try self.init(
      database: database, eventCode: eventCode, clock: clock, hasher: PasswordHasher(),
      limiter: SignInLimiter())
  }

  init(
    database: Database, eventCode: String?, clock: @escaping @Sendable () -> Date,
    hasher: PasswordHasher,
    limiter: SignInLimiter
  ) throws {
    self.database = database
    self.clock = clock
    self.hasher = hasher
    self.limiter = limiter
    defaultEvent = try Self.ensureDefaultEvent(in: database, code: eventCode, now: clock())
  }

  /// Finds the first event or creates it; a configured code replaces the stored one.
  static func ensureDefaultEvent(in database: Database, code configured: String?, now: Date) throws
    -> EventInfo
  {
    var code: String?
    if let configured {
      guard let normalized = EventCode.normalize(configured) else {
        throw ConfigurationError(
          "event code must be 6–8 ASCII letters or digits, got \"\(configured.prefix(64))\"")
      }
      code = normalized
    }
    return try database.write { connection in
      if let row = try connection.queryOne(
        "SELECT id, name, join_code FROM events ORDER BY id LIMIT 1", []),
        let id = row.int64("id"), let name = row.string("name"),
        let stored = row.string("join_code")
      {
        if let code, code != stored {
          try connection.execute(
            "UPDATE events SET join_code = ? WHERE id = ?", [.text(code), .integer(id)])
          return EventInfo(id: id, name: name, code: code)
        }
        return EventInfo(id: id, name: name, code: stored)
      }
      let newCode = code ?? EventCode.generate()
      try connection.execute(
        "INSERT INTO events (name, join_code, created_at) VALUES (?, ?, ?)",
        [.text(defaultEventName), .text(newCode), .real(now.timeIntervalSince1970)])
      return EventInfo(id: connection.lastInsertRowID, name: defaultEventName, code: newCode)
    }
  }

  /// The learners of an event, newest first, at most ``learnerListLimit``.
  public func learners(eventID: Int64) throws -> [Account] {
    try database.read { connection in
      try connection.query(
        "SELECT id, display_name FROM learners WHERE event_id = ? ORDER BY id DESC LIMIT ?",
        [.integer(eventID), SQLValue(Self.learnerListLimit)]
      ).compactMap { row in
        guard let id = row.int64("id"), let name = row.string("display_name") else { return nil }
        return Account(role: .learner, id: id, name: name)
      }
    }
  }

  /// How many learners joined an event.
  public func learnerCount(eventID: Int64) throws -> Int {
    try database.read { connection in
      try connection.queryOne(
        "SELECT count(*) AS n FROM learners WHERE event_id = ?", [.integer(eventID)])?
        .int("n") ?? 0
    }
  }

  /// Appends a line to the audit log (inside the caller's transaction).
  static func audit(
    _ connection: Connection, now: Date, actor: String, action: String, detail: String
  ) throws {
    try connection.execute(
      "INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)",
      [.real(now.timeIntervalSince1970), .text(actor), .text(action), .text(detail)])
  }
}

import Foundation
import Store
import Wire

extension AccountService {
  /// Signs an instructor in by name and password.
  ///
  /// Failures are counted per account and per client address; past ``SignInLimiter``'s limit
  /// either count refuses further attempts (OWASP "Login throttling") before any password is
  /// checked. An unknown name costs as much time as a wrong password.
  /// - Returns: the new session's token.
  /// - Throws: ``RateLimited`` when throttled, `HTTPError` 401 "wrong name or password".
  public func signIn(name: String, password: String, address: String) throws -> Token {
    let account = Self.limiterKey(name)
    let client = String(address.prefix(64))
    let now = clock()
    try database.write { connection in
      try connection.execute(
        "DELETE FROM signin_failures WHERE at <= ?",
        [.real(limiter.horizon(now: now).timeIntervalSince1970)])
      let byAccount = try recentFailures(
        connection,
        sql: "SELECT at FROM signin_failures WHERE account = ? ORDER BY at DESC LIMIT ?",
        key: account)
      let byAddress = try recentFailures(
        connection,
        sql: "SELECT at FROM signin_failures WHERE address = ? ORDER BY at DESC LIMIT ?",
        key: client)
      let waits = [byAccount, byAddress].compactMap { limiter.retryAfter(failures: $0, now: now) }
      if let wait = waits.max() { throw RateLimited(retryAfter: wait) }
    }
    let stored = try database.read { connection in
      try connection.queryOne(
        "SELECT id, password_hash FROM instructors WHERE name = ?",
        [.text(name.trimmingWhitespace())])
    }
    let id = stored?.int64("id")
    let matches = hasher.verify(
      password, against: stored?.string("password_hash") ?? unmatchableHash)
    // A failure is committed before the 401 is thrown (throwing inside `write` rolls back).
    let session: Token? = try database.write { connection in
      guard matches, let id else {
        try connection.execute(
          "INSERT INTO signin_failures (account, address, at) VALUES (?, ?, ?)",
          [.text(account), .text(client), .real(now.timeIntervalSince1970)])
        let actor = "address:" + client
        try Self.audit(connection, now: now, actor: actor, action: "signin.failed", detail: account)
        return nil
      }
      try connection.execute("DELETE FROM signin_failures WHERE account = ?", [.text(account)])
      let actor = "instructor:" + String(id)
      try Self.audit(connection, now: now, actor: actor, action: "signin", detail: client)
      return try Self.createSession(connection, role: .instructor, ownerID: id, now: now)
    }
    guard let session else { throw HTTPError(.unauthorized, "wrong name or password") }
    return session
  }

  /// The latest failures recorded under `key` (enough to decide, no more).
  func recentFailures(_ connection: Connection, sql: String, key: String) throws -> [Date] {
    try connection.query(sql, [.text(key), SQLValue(limiter.maxFailures)]).compactMap { row in
      row.double("at").map { Date(timeIntervalSince1970: $0) }
    }
  }

  /// The name failures are counted under: case-folded like the `NOCASE` column, bounded.
  static func limiterKey(_ name: String) -> String {
    let bounded = String(name.prefix(4 * DisplayName.maxCharacters))
    return String(bounded.trimmingWhitespace().lowercased().prefix(DisplayName.maxCharacters))
  }

  /// A well-formed hash no password matches, verified for unknown names so they take as long
  /// as known ones.
  var unmatchableHash: String {
    let salt = Data(count: PasswordHasher.saltLength).base64EncodedString()
    let hash = Data(count: PasswordHasher.hashLength).base64EncodedString()
    return "\(PasswordHasher.scheme)$\(hasher.iterations)$\(salt)$\(hash)"
  }
}

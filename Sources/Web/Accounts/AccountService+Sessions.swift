import Foundation
import Store

extension AccountService {
  /// Starts a session for `role`/`ownerID` inside the caller's transaction, and drops
  /// sessions that have expired meanwhile.
  static func createSession(_ connection: Connection, role: Role, ownerID: Int64, now: Date) throws
    -> Token
  {
    try connection.execute(
      "DELETE FROM sessions WHERE expires_at <= ?", [.real(now.timeIntervalSince1970)])
    let token = Token.generate()
    let expires = now.addingTimeInterval(Session.lifetime(of: role))
    try connection.execute(
      """
      INSERT INTO sessions (token_hash, role, owner_id, csrf_token, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?, ?)
      """,
      [
        .text(token.sha256Hex), .text(role.rawValue), .integer(ownerID),
        .text(Token.generate().text),
        .real(now.timeIntervalSince1970), .real(expires.timeIntervalSince1970),
      ])
    return token
  }

  /// The live session for `token`, or `nil` when it is unknown or expired (an expired one is
  /// deleted on the way).
  public func session(forToken token: Token) throws -> Session? {
    let now = clock()
    let row = try database.read { connection in
      try connection.queryOne(
        "SELECT role, owner_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?",
        [.text(token.sha256Hex)])
    }
    guard let row, let role = row.string("role").flatMap(Role.init(rawValue:)),
      let ownerID = row.int64("owner_id"),
      let csrf = row.string("csrf_token"), let expiresAt = row.double("expires_at")
    else { return nil }
    let expires = Date(timeIntervalSince1970: expiresAt)
    guard expires > now else {
      try signOut(token: token)
      return nil
    }
    return Session(role: role, ownerID: ownerID, csrfToken: csrf, expires: expires)
  }

  /// Ends the session for `token` (nothing happens for an unknown token).
  public func signOut(token: Token) throws {
    try database.write { connection in
      _ = try connection.execute(
        "DELETE FROM sessions WHERE token_hash = ?", [.text(token.sha256Hex)])
    }
  }

  /// Who owns `session`, or `nil` when the account is gone.
  public func account(for session: Session) throws -> Account? {
    let sql =
      switch session.role {
      case .learner: "SELECT display_name AS name FROM learners WHERE id = ?"
      case .instructor: "SELECT name FROM instructors WHERE id = ?"
      }
    let name = try database.read { connection in
      try connection.queryOne(sql, [.integer(session.ownerID)])?.string("name")
    }
    return name.map { Account(role: session.role, id: session.ownerID, name: $0) }
  }
}

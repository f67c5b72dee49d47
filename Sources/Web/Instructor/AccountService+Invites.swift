import Foundation
import Store
import Wire

extension AccountService {
  /// How long an instructor invite stays valid.
  static let inviteLifetime: TimeInterval = 7 * 24 * 3600

  /// A one-time invite for another instructor (issue #5 item 1), made by instructor `by`:
  /// returned in plain text once (the link is `/invite/<token>`), stored only as its SHA-256.
  func createInvite(by instructorID: Int64) throws -> Token {
    let now = clock()
    let token = Token.generate()
    try database.write { connection in
      try connection.execute(
        """
        INSERT INTO instructor_invites (token_hash, created_by, created_at, expires_at)
        VALUES (?, ?, ?, ?)
        """,
        [
          .text(token.sha256Hex), .integer(instructorID), .real(now.timeIntervalSince1970),
          .real(now.timeIntervalSince1970 + Self.inviteLifetime),
        ])
      try Self.audit(
        connection, now: now, actor: "instructor:\(instructorID)", action: "invite.created",
        detail: String(token.sha256Hex.prefix(12)))
    }
    return token
  }

  /// Whether `token` is an unused, unexpired invite.
  func inviteIsValid(_ token: Token) throws -> Bool {
    let now = clock()
    return try database.read { try Self.inviteUsable($0, token: token, now: now) }
  }

  /// Creates the invited instructor (the invite is then used up) and signs them in, under the
  /// same name and password rules as every instructor.
  /// - Returns: the new instructor's session token.
  /// - Throws: 404 for an unknown, used or expired invite; 400/409 as ``addInstructor(name:password:)``.
  func redeemInvite(_ token: Token, name: String, password: String) throws -> Token {
    let (displayName, passwordHash) = try validatedInstructor(name: name, password: password)
    let now = clock()
    return try database.write { connection in
      guard try Self.inviteUsable(connection, token: token, now: now) else {
        throw HTTPError(.notFound, "this invite link is not valid, was already used or expired")
      }
      try connection.execute(
        "UPDATE instructor_invites SET used_at = ? WHERE token_hash = ?",
        [.real(now.timeIntervalSince1970), .text(token.sha256Hex)])
      let id = try Self.insertInstructor(
        connection, name: displayName, passwordHash: passwordHash, now: now)
      return try Self.createSession(connection, role: .instructor, ownerID: id, now: now)
    }
  }

  /// Changes an instructor's password after checking the current one; every other session of
  /// theirs ends (OWASP Session Management Cheat Sheet, "renew after privilege change").
  /// - Throws: 403 for a wrong current password; 400 for a new one breaking the rules.
  func changePassword(
    instructorID: Int64, current: String, new: String, keeping session: Token
  ) throws {
    let (_, newHash) = try validatedInstructor(name: "instructor", password: new)
    let stored = try database.read { connection in
      try connection.queryOne(
        "SELECT password_hash FROM instructors WHERE id = ?", [.integer(instructorID)])?.string(
          "password_hash")
    }
    guard current.utf8.count <= PasswordHasher.maxPasswordBytes,
      hasher.verify(current, against: stored ?? unmatchableHash)
    else { throw HTTPError(.forbidden, "the current password is wrong") }
    let now = clock()
    try database.write { connection in
      try connection.execute(
        "UPDATE instructors SET password_hash = ? WHERE id = ?",
        [.text(newHash), .integer(instructorID)])
      try connection.execute(
        """
        DELETE FROM sessions WHERE role = 'instructor' AND owner_id = ? AND token_hash <> ?
        """, [.integer(instructorID), .text(session.sha256Hex)])
      try Self.audit(
        connection, now: now, actor: "instructor:\(instructorID)", action: "password.changed",
        detail: "")
    }
  }

  private static func inviteUsable(_ connection: Connection, token: Token, now: Date) throws
    -> Bool
  {
    try connection.queryOne(
      """
      SELECT 1 AS ok FROM instructor_invites
      WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
      """, [.text(token.sha256Hex), .real(now.timeIntervalSince1970)]) != nil
  }
}

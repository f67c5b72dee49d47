import Foundation
import Store
import Wire

extension AccountService {
  /// Shortest instructor password accepted (NIST SP 800-63B §5.1.1.2 asks for at least 8).
  public static let minimumPasswordLength = 10

  /// Adds an instructor (from the command line or the bootstrap page).
  /// - Returns: the new instructor's id.
  /// - Throws: `HTTPError` 400 for a bad name or short password, 409 when the name is taken.
  @discardableResult
  public func addInstructor(name: String, password: String) throws -> Int64 {
    let (displayName, passwordHash) = try validatedInstructor(name: name, password: password)
    let now = clock()
    return try database.write { connection in
      try Self.insertInstructor(connection, name: displayName, passwordHash: passwordHash, now: now)
    }
  }

  /// A one-time token to create the first instructor in the browser: returned in plain text
  /// only when no instructor exists and no unused token is waiting, else `nil`.
  public func bootstrapTokenIfNeeded() throws -> Token? {
    let now = clock()
    return try database.write { connection in
      let instructors =
        try connection.queryOne("SELECT count(*) AS n FROM instructors", [])?.int("n") ?? 0
      let waiting =
        try connection.queryOne(
          "SELECT count(*) AS n FROM bootstrap_tokens WHERE used_at IS NULL", [])?.int("n") ?? 0
      guard instructors == 0, waiting == 0 else { return nil }
      let token = Token.generate()
      try connection.execute(
        "INSERT INTO bootstrap_tokens (token_hash, created_at) VALUES (?, ?)",
        [.text(token.sha256Hex), .real(now.timeIntervalSince1970)])
      return token
    }
  }

  /// Whether `token` is an unused bootstrap token and no instructor exists yet.
  public func bootstrapTokenIsValid(_ token: Token) throws -> Bool {
    try database.read { connection in
      try Self.bootstrapUsable(connection, token: token)
    }
  }

  /// Creates the first instructor with a bootstrap token (single use) and signs them in.
  /// - Returns: the instructor's session token.
  /// - Throws: `HTTPError` 404 for an unknown or used token, 400/409 as ``addInstructor(name:password:)``.
  public func redeemBootstrap(token: Token, name: String, password: String) throws -> Token {
    let (displayName, passwordHash) = try validatedInstructor(name: name, password: password)
    let now = clock()
    return try database.write { connection in
      guard try Self.bootstrapUsable(connection, token: token) else {
        throw HTTPError(.notFound, "this bootstrap link is not valid or was already used")
      }
      try connection.execute(
        "UPDATE bootstrap_tokens SET used_at = ? WHERE token_hash = ?",
        [.real(now.timeIntervalSince1970), .text(token.sha256Hex)])
      let id = try Self.insertInstructor(
        connection, name: displayName, passwordHash: passwordHash, now: now)
      return try Self.createSession(connection, role: .instructor, ownerID: id, now: now)
    }
  }

  static func bootstrapUsable(_ connection: Connection, token: Token) throws -> Bool {
    let unused = try connection.queryOne(
      "SELECT 1 AS ok FROM bootstrap_tokens WHERE token_hash = ? AND used_at IS NULL",
      [.text(token.sha256Hex)])
    let instructors =
      try connection.queryOne("SELECT count(*) AS n FROM instructors", [])?.int("n") ?? 0
    return unused != nil && instructors == 0
  }

  /// Checks the name and password and hashes the password (outside any transaction: PBKDF2 is slow).
  func validatedInstructor(name: String, password: String) throws(HTTPError) -> (
    name: String, hash: String
  ) {
    let displayName = try DisplayName.validate(name)
    guard password.count >= Self.minimumPasswordLength else {
      throw HTTPError(
        .badRequest, "password must have at least \(Self.minimumPasswordLength) characters")
    }
    guard password.utf8.count <= PasswordHasher.maxPasswordBytes else {
      throw HTTPError(.badRequest, "password is too long")
    }
    return (displayName, hasher.hash(password))
  }

  static func insertInstructor(
    _ connection: Connection, name: String, passwordHash: String, now: Date
  ) throws -> Int64 {
    do {
      try connection.execute(
        "INSERT INTO instructors (name, password_hash, created_at) VALUES (?, ?, ?)",
        [.text(name), .text(passwordHash), .real(now.timeIntervalSince1970)])
    } catch  where error.kind == .constraintUnique {
      throw HTTPError(.conflict, "an instructor with that name already exists")
    }
    let id = connection.lastInsertRowID
    let actor = "instructor:" + String(id)
    try audit(connection, now: now, actor: actor, action: "instructor.created", detail: name)
    return id
  }
}

import CSQLite

/// An SQLite failure a caller can match: the primary and extended result codes
/// (sqlite.org/rescode.html), SQLite's own message and the statement that failed.
/// Misuse of this API (wrong argument count, nested `write`, a closed database) is reported
/// as `SQLITE_MISUSE`, waiting too long for a connection as `SQLITE_BUSY`, and a database
/// this build must not use (no WAL, schema too new) as `SQLITE_CANTOPEN`.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  /// The primary result code, e.g. `SQLITE_CONSTRAINT`.
  public let code: Int32
  /// The extended result code, e.g. `SQLITE_CONSTRAINT_UNIQUE`.
  public let extendedCode: Int32
  /// `sqlite3_errmsg`, or this module's explanation.
  public let message: String
  /// The SQL being run, when there was one.
  public let sql: String?

  init(extendedCode: Int32, message: String, sql: String? = nil) {
    self.code = extendedCode & 0xff
    self.extendedCode = extendedCode
    self.message = message
    self.sql = sql
  }

  /// The error SQLite reports for the last call on `db`.
  init(db: OpaquePointer, sql: String?) {
    self.init(
      extendedCode: sqlite3_extended_errcode(db), message: String(cString: sqlite3_errmsg(db)),
      sql: sql)
  }

  /// A caller's mistake in using this module.
  static func misuse(_ message: String, sql: String? = nil) -> StoreError {
    StoreError(extendedCode: SQLITE_MISUSE, message: message, sql: sql)
  }

  /// A database this build must not use (no WAL, or a schema newer than its migrations).
  static func cannotOpen(_ message: String) -> StoreError {
    StoreError(extendedCode: SQLITE_CANTOPEN, message: message)
  }

  /// A wait for a connection that outlasted the busy timeout.
  static func busy(_ message: String) -> StoreError {
    StoreError(extendedCode: SQLITE_BUSY, message: message)
  }

  public var description: String {
    let statement = sql.map { " in `\($0.prefix(200))`" } ?? ""
    return "SQLite error \(extendedCode) (\(kind)): \(message)\(statement)"
  }
}

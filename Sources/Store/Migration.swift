/// One step of the schema, applied once when `PRAGMA user_version` is below `version`
/// (sqlite.org/pragma.html#pragma_user_version). `sql` may hold several statements.
public struct Migration: Sendable {
  public let version: Int
  public let sql: String

  public init(version: Int, _ sql: String) {
    self.version = version
    self.sql = sql
  }
}

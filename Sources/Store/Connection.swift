/// A connection lent to one `Database.read` or `Database.write` closure. It is not Sendable
/// (SQLite handles are owned by one thread at a time) and it stops working when the closure
/// returns: any later call throws `misuse`, so it cannot leak out of its transaction.
public final class Connection {
  private var handle: ConnectionHandle?

  init(lending handle: ConnectionHandle) {
    self.handle = handle
  }

  /// Ends the loan; called by `Database` when the closure returns.
  func endLoan() { handle = nil }

  /// Runs one statement with `values` bound to its `?` parameters, in order.
  /// - Returns: the rows changed by an INSERT, UPDATE or DELETE (`sqlite3_changes64`).
  @discardableResult
  public func execute(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Int {
    try lent().execute(sql, values)
  }

  /// Runs one statement and returns all its rows; bound the result with `LIMIT`.
  public func query(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> [Row] {
    try lent().query(sql, values)
  }

  /// Runs one statement and returns its first row, or nil when there is none.
  public func queryOne(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Row? {
    try lent().query(sql, values, limit: 1).first
  }

  /// Runs several `;`-separated statements, without parameters (e.g. a schema).
  public func executeScript(_ sql: String) throws(StoreError) {
    try lent().executeScript(sql)
  }

  /// The rowid of the last successful INSERT on this connection; 0 once the loan ended.
  public var lastInsertRowID: Int64 { handle?.lastInsertRowID ?? 0 }

  /// Statements held prepared for reuse (bounded by `StatementCache.capacity`).
  var cachedStatementCount: Int { handle?.cachedStatementCount ?? 0 }

  private func lent() throws(StoreError) -> ConnectionHandle {
    guard let handle else {
      throw StoreError.misuse("Connection used after its read/write closure returned")
    }
    return handle
  }
}

/// Deliberately not Sendable: share the `Database`, never a lent `Connection`.
@available(*, unavailable)
extension Connection: Sendable {}

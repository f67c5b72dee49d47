import Synchronization

/// One SQLite connection owned by a `Mutex`: every use takes the lock, so the handle is
/// touched by one thread at a time whichever thread that is. `Database` adds the transaction
/// discipline on top (one writer at a time, readers from a pool).
final class ConnectionHandle: Sendable {
  private let state: Mutex<ConnectionState>

  init(path: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(StoreError) {
    state = Mutex(
      try ConnectionState(
        path: path, create: create, busyTimeoutMilliseconds: busyTimeoutMilliseconds))
  }

  deinit { close() }

  @discardableResult
  func execute(_ sql: String, _ values: [SQLValue] = []) throws(StoreError) -> Int {
    try state.withLock { (state) throws(StoreError) in try state.execute(sql, values) }
  }

  func query(_ sql: String, _ values: [SQLValue] = [], limit: Int = .max) throws(StoreError)
    -> [Row]
  {
    try state.withLock { (state) throws(StoreError) in try state.query(sql, values, limit: limit) }
  }

  func executeScript(_ sql: String) throws(StoreError) {
    try state.withLock { (state) throws(StoreError) in try state.executeScript(sql) }
  }

  var lastInsertRowID: Int64 { state.withLock { $0.lastInsertRowID } }

  var cachedStatementCount: Int { state.withLock { $0.cachedStatementCount } }

  /// Commits the open transaction; if the commit fails, rolls back and rethrows. A body that
  /// already ended the transaction itself (its own COMMIT/ROLLBACK) is misuse.
  func commit() throws(StoreError) {
    guard try !state.withLock({ (state) throws(StoreError) in try state.isAutocommit() }) else {
      throw StoreError.misuse("the transaction was ended inside the read/write closure")
    }
    do throws(StoreError) {
      try execute("COMMIT")
    } catch {
      rollBack()
      throw error
    }
  }

  /// Rolls back the open transaction, if SQLite has not already done so (it does after
  /// some errors: sqlite.org/lang_transaction.html "Response To Errors Within A Transaction").
  func rollBack() {
    state.withLock { state in
      guard (try? state.isAutocommit()) == false else { return }
      _ = try? state.execute("ROLLBACK", [])
    }
  }

  func close() { state.withLock { $0.close() } }
}

import CSQLite

/// The state behind one SQLite connection: the `sqlite3*` handle (nil once closed) and its
/// statement cache. Not Sendable; `ConnectionHandle` owns it behind a `Mutex`.
struct ConnectionState {
  private var db: OpaquePointer?
  private var statements = StatementCache()

  /// Opens `path` in multi-thread mode (`SQLITE_OPEN_NOMUTEX`: the owner's lock serializes use),
  /// with extended result codes and the busy timeout (sqlite.org/c3ref/busy_timeout.html).
  init(path: String, create: Bool, busyTimeoutMilliseconds: Int32) throws(StoreError) {
    _ = Self.processSettings
    var handle: OpaquePointer?
    let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
    let status = sqlite3_open_v2(path, &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
      sqlite3_close_v2(handle)
      throw StoreError(extendedCode: status, message: "\(reason): \(path)")
    }
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    db = handle
  }

  /// Process-wide settings, applied once before the first connection initializes SQLite. Nothing
  /// here reads `sqlite3_memory_used`, so the statistics only cost their mutex.
  private static let processSettings: Void = { _ = csqlite_disable_memory_statistics() }()

  private func open() throws(StoreError) -> OpaquePointer {
    guard let db else { throw StoreError.misuse("the database is closed") }
    return db
  }

  /// Runs one statement to completion; returns `sqlite3_changes64`, the rows the last
  /// INSERT/UPDATE/DELETE changed.
  mutating func execute(_ sql: String, _ values: [SQLValue]) throws(StoreError) -> Int {
    let db = try open()
    let statement = try statements.statement(for: sql, db: db)
    defer { statement.reset() }
    try statement.bind(values)
    while try statement.step() {}
    return Int(sqlite3_changes64(db))
  }

  /// Runs one statement and collects up to `limit` rows.
  mutating func query(_ sql: String, _ values: [SQLValue], limit: Int) throws(StoreError) -> [Row] {
    let statement = try statements.statement(for: sql, db: open())
    defer { statement.reset() }
    try statement.bind(values)
    let columns = statement.columns()
    var rows: [Row] = []
    while rows.count < limit, try statement.step() {
      rows.append(statement.row(columns))
    }
    return rows
  }

  func executeScript(_ sql: String) throws(StoreError) {
    try PreparedStatement.runScript(sql, db: open())
  }

  var lastInsertRowID: Int64 { db.map(sqlite3_last_insert_rowid) ?? 0 }

  /// True outside a transaction (sqlite.org/c3ref/get_autocommit.html).
  func isAutocommit() throws(StoreError) -> Bool { sqlite3_get_autocommit(try open()) != 0 }

  var cachedStatementCount: Int { statements.count }

  /// Finalizes the cached statements and closes; an open transaction is rolled back.
  mutating func close() {
    statements.finalizeAll()
    sqlite3_close_v2(db)
    db = nil
  }
}

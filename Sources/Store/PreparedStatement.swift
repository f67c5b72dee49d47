import CSQLite

/// One compiled statement (`sqlite3_stmt`). Not Sendable: it belongs to the connection that
/// prepared it and is only touched under that connection's lock.
struct PreparedStatement {
  let sql: String
  private let handle: OpaquePointer

  /// Compiles exactly one statement; more than one, none, or a NUL byte in `sql` is misuse,
  /// so a value can never smuggle a second statement in through string building.
  init(sql: String, db: OpaquePointer) throws(StoreError) {
    try Self.refuseNUL(in: sql)
    let compiled = try sql.utf8CString.withUnsafeBufferPointer { text throws(StoreError) in
      let start = text.baseAddress!
      let end = start + text.count - 1
      let (first, tail) = try Self.prepareNext(from: start, to: end, db: db, sql: sql)
      guard let first else { throw StoreError.misuse("no SQL statement to run", sql: sql) }
      let second: OpaquePointer?
      do throws(StoreError) {
        second = try Self.prepareNext(from: tail, to: end, db: db, sql: sql).statement
      } catch {
        sqlite3_finalize(first)
        throw error
      }
      guard let second else { return first }
      sqlite3_finalize(second)
      sqlite3_finalize(first)
      throw StoreError.misuse("several statements in one call; use executeScript", sql: sql)
    }
    self.sql = sql
    self.handle = compiled
  }

  /// Runs every statement of `sql` in order, discarding result rows (`sqlite3_prepare_v2`
  /// walked along its tail pointer). Statements with `?` parameters are refused.
  static func runScript(_ sql: String, db: OpaquePointer) throws(StoreError) {
    try refuseNUL(in: sql)
    try sql.utf8CString.withUnsafeBufferPointer { text throws(StoreError) in
      var cursor = text.baseAddress!
      let end = cursor + text.count - 1
      while cursor < end {
        let (next, tail) = try prepareNext(from: cursor, to: end, db: db, sql: sql)
        guard tail > cursor || next != nil else { break }  // nothing consumed: never spin
        cursor = tail
        guard let next else { continue }
        let statement = PreparedStatement(sql: sql, handle: next)
        defer { statement.finalize() }
        guard sqlite3_bind_parameter_count(next) == 0 else {
          throw StoreError.misuse("executeScript takes no parameters; use execute", sql: sql)
        }
        while try statement.step() {}
      }
    }
  }

  private init(sql: String, handle: OpaquePointer) {
    self.sql = sql
    self.handle = handle
  }

  private static func refuseNUL(in sql: String) throws(StoreError) {
    guard !sql.utf8.contains(0) else {
      throw StoreError.misuse("SQL text contains a NUL byte", sql: sql)
    }
  }

  /// Compiles the statement starting at `start`; nil when only blanks or comments remain.
  private static func prepareNext(
    from start: UnsafePointer<CChar>, to end: UnsafePointer<CChar>, db: OpaquePointer, sql: String
  ) throws(StoreError) -> (statement: OpaquePointer?, tail: UnsafePointer<CChar>) {
    var statement: OpaquePointer?
    var tail: UnsafePointer<CChar>?
    // nByte includes the terminating NUL, as sqlite3_prepare_v2 recommends.
    let status = sqlite3_prepare_v2(db, start, Int32(clamping: end - start + 1), &statement, &tail)
    guard status == SQLITE_OK else { throw StoreError(db: db, sql: sql) }
    return (statement, tail ?? end)
  }

  /// Binds `values` to the `?` parameters in order; the count must match exactly, since
  /// SQLite would silently read a missing value as NULL.
  func bind(_ values: [SQLValue]) throws(StoreError) {
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard values.count == expected else {
      throw StoreError.misuse("statement takes \(expected) values, got \(values.count)", sql: sql)
    }
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status =
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .real(let number): sqlite3_bind_double(handle, index, number)
        case .text(let text):
          // An explicit byte length keeps embedded NULs; TRANSIENT makes SQLite copy.
          text.withCString {
            sqlite3_bind_text64(
              handle, index, $0, UInt64(text.utf8.count), csqlite_transient(), UInt8(SQLITE_UTF8))
          }
        case .blob(let bytes) where bytes.isEmpty:
          // A NULL pointer would bind NULL; an empty blob stays an empty blob.
          sqlite3_bind_zeroblob(handle, index, 0)
        case .blob(let bytes):
          bytes.withUnsafeBytes {
            sqlite3_bind_blob64(
              handle, index, $0.baseAddress, UInt64($0.count), csqlite_transient())
          }
        }
      guard status == SQLITE_OK else { throw StoreError(db: sqlite3_db_handle(handle), sql: sql) }
    }
  }

  /// Advances one row: true when a row is ready, false when the statement is done.
  func step() throws(StoreError) -> Bool {
    switch sqlite3_step(handle) {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw StoreError(db: sqlite3_db_handle(handle), sql: sql)
    }
  }

  /// The result column names, for rows of this statement.
  func columns() -> RowColumns {
    RowColumns(
      (0..<sqlite3_column_count(handle)).map { column in
        sqlite3_column_name(handle, column).map { String(cString: $0) } ?? ""
      })
  }

  /// The current row, read in each column's own storage class.
  func row(_ columns: RowColumns) -> Row {
    Row(columns: columns, values: (0..<Int32(columns.names.count)).map(value(at:)))
  }

  private func value(at column: Int32) -> SQLValue {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER:
      return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_FLOAT:
      return .real(sqlite3_column_double(handle, column))
    case SQLITE_TEXT:
      // Pointer first, then length (sqlite.org/c3ref/column_blob.html).
      guard let text = sqlite3_column_text(handle, column) else { return .text("") }
      let count = Int(sqlite3_column_bytes(handle, column))
      return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
    case SQLITE_BLOB:
      guard let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
      let count = Int(sqlite3_column_bytes(handle, column))
      return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
    default:
      return .null
    }
  }

  /// Makes the statement ready for its next use (sqlite3_reset + sqlite3_clear_bindings).
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  func finalize() { sqlite3_finalize(handle) }
}

/// Prepared statements of one connection keyed by their SQL text, bounded: when full, the
/// least recently used statement is finalized to make room.
struct StatementCache {
  static let capacity = 64

  private var entries: [String: (statement: PreparedStatement, lastUse: UInt64)] = [:]
  private var clock: UInt64 = 0

  var count: Int { entries.count }

  /// The cached statement for `sql`, preparing (and caching) it on a miss.
  mutating func statement(for sql: String, db: OpaquePointer) throws(StoreError)
    -> PreparedStatement
  {
    clock &+= 1
    // One hash of the text per hit: the entry is updated through its index.
    if let index = entries.index(forKey: sql) {
      entries.values[index].lastUse = clock
      return entries.values[index].statement
    }
    let statement = try PreparedStatement(sql: sql, db: db)
    if entries.count >= Self.capacity,
      let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })
    {
      oldest.value.statement.finalize()
      entries[oldest.key] = nil
    }
    entries[sql] = (statement, clock)
    return statement
  }

  /// Finalizes every statement; needed before `sqlite3_close_v2` can release the connection.
  mutating func finalizeAll() {
    for entry in entries.values { entry.statement.finalize() }
    entries = [:]
  }
}

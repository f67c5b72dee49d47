import Synchronization

/// The workshop's SQLite database file: one writer connection and a pool of reader
/// connections, in WAL mode so readers run beside the writer (sqlite.org/wal.html).
///
/// Ownership: each connection sits behind its own `Mutex` (`ConnectionHandle`); the writer is
/// lent to one `write` closure at a time (`WriterGate`), each reader to one `read` closure at
/// a time (`ReaderPool`). Closures get a `Connection` that is not Sendable and stops working
/// when they return. The interface is SQL text plus values, so it maps onto rqlite's HTTP API.
public final class Database: Sendable {
  /// Most reader connections one database may hold.
  public static let maximumReaders = 64

  public let path: String
  /// `PRAGMA user_version` after this handle applied its migrations.
  public let schemaVersion: Int

  private let writer: ConnectionHandle
  private let writerGate: WriterGate
  private let readers: ReaderPool
  private let closed = Atomic<Bool>(false)

  /// Opens (creating) the file, sets WAL, busy_timeout, foreign_keys=ON, synchronous=NORMAL,
  /// runs pending migrations in one transaction each (PRAGMA user_version), refuses a database
  /// newer than the migrations it knows (`cannotOpen`).
  /// - Parameters:
  ///   - path: a file path; in-memory databases are refused (readers could not see them).
  ///   - readers: reader connections, 1...`maximumReaders`.
  ///   - busyTimeoutMilliseconds: how long to wait for a lock, or for a free connection,
  ///     before failing with `busy`.
  public init(
    path: String, migrations: [Migration], readers: Int = 4, busyTimeoutMilliseconds: Int32 = 5000
  )
    throws(StoreError)
  {
    guard !path.isEmpty, path != ":memory:", !path.utf8.contains(0) else {
      throw StoreError.misuse("a database needs a file path, got \"\(path)\"")
    }
    guard (1...Self.maximumReaders).contains(readers) else {
      throw StoreError.misuse("readers must be 1...\(Self.maximumReaders), got \(readers)")
    }
    guard busyTimeoutMilliseconds >= 0 else {
      throw StoreError.misuse("busy timeout must not be negative")
    }
    try Self.validate(migrations)

    let writer = try ConnectionHandle(
      path: path, create: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    let mode = try writer.query("PRAGMA journal_mode = WAL").first?.string("journal_mode")
    guard mode == "wal" else {
      throw StoreError.cannotOpen("cannot use WAL (journal mode is \(mode ?? "unknown")): \(path)")
    }
    try writer.executeScript("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
    let version = try Self.migrate(writer, to: migrations)

    var pool: [ConnectionHandle] = []
    for _ in 0..<readers {
      let reader = try ConnectionHandle(
        path: path, create: false, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
      try reader.execute("PRAGMA query_only = ON")
      pool.append(reader)
    }

    self.path = path
    self.schemaVersion = version
    self.writer = writer
    self.writerGate = WriterGate(timeoutMilliseconds: busyTimeoutMilliseconds)
    self.readers = ReaderPool(pool, timeoutMilliseconds: busyTimeoutMilliseconds)
  }

  deinit { close() }

  /// Runs `body` in a write transaction (BEGIN IMMEDIATE) on the one writer connection; commits
  /// on return, rolls back on throw. Writers are serialized; a `write` nested in a `write` on
  /// the same thread throws `misuse` (it would deadlock).
  @discardableResult
  public func write<T>(_ body: (Connection) throws -> T) throws -> T {
    try refuseIfClosed()
    try writerGate.enter()
    defer { writerGate.leave() }
    return try Self.transaction(on: writer, begin: "BEGIN IMMEDIATE", body)
  }

  /// Runs `sql` (settings such as PRAGMAs, no parameters) on the writer connection outside any
  /// transaction: SQLite refuses some settings inside one (`temp_store`, sqlite.org/pragma.html),
  /// and a setting that writes nothing takes no write lock here.
  public func configureWriter(_ sql: String) throws {
    try refuseIfClosed()
    try writerGate.enter()
    defer { writerGate.leave() }
    try writer.executeScript(sql)
  }

  /// Runs `body` on one of the reader connections (query_only), concurrently with other readers
  /// and the writer (WAL). The closure sees one consistent snapshot of committed data; a read
  /// nested in a `write` does not see that write's uncommitted changes.
  @discardableResult
  public func read<T>(_ body: (Connection) throws -> T) throws -> T {
    try refuseIfClosed()
    let reader = try readers.acquire()
    defer { readers.release(reader) }
    return try Self.transaction(on: reader, begin: "BEGIN", body)
  }

  /// Closes every connection; later `read`/`write` calls throw `misuse`. An open transaction on
  /// another thread is rolled back. Calling it again does nothing.
  public func close() {
    guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
    writer.close()
    readers.closeAll()
  }

  private func refuseIfClosed() throws(StoreError) {
    guard !closed.load(ordering: .acquiring) else {
      throw StoreError.misuse("the database is closed")
    }
  }

  /// Lends `handle` to `body` inside a transaction opened by `begin`.
  private static func transaction<T>(
    on handle: ConnectionHandle, begin: String, _ body: (Connection) throws -> T
  ) throws -> T {
    try handle.execute(begin)
    let connection = Connection(lending: handle)
    defer { connection.endLoan() }
    let result: T
    do {
      result = try body(connection)
    } catch {
      handle.rollBack()
      throw error
    }
    try handle.commit()
    return result
  }
}

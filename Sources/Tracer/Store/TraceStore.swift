import Store
import Synchronization
import Telemetry

/// A sandbox's traces in one SQLite file (``Store/Database``): every document as JSON text
/// with indexed columns, one summary row per trace, and per-minute service graph aggregates kept
/// at ingest so the graph never scans segments. At most `retentionSegments` documents are kept;
/// older ones go first, with their traces and graph minutes.
public final class TraceStore: Sendable {
  public let database: Database
  public let retentionSegments: Int
  let directory = Mutex(ServiceDirectory())
  /// Whether ``writerSettings`` were applied: by the first insert, inside its transaction, so a
  /// process that only reads the store never takes the write lock for them.
  let writerConfigured = Atomic<Bool>(false)

  /// Opens (creating) the file at `path`; `retentionSegments` below 1 counts as 1.
  public init(path: String, retentionSegments: Int = 1_000_000) throws {
    database = try Database(path: path, migrations: Self.migrations, readers: 4)
    self.retentionSegments = max(1, retentionSegments)
  }

  /// The writer connection's settings (sqlite.org/pragma.html): a 64 MiB page cache, so the
  /// indexes an insert touches stay in memory rather than being read back at every batch, and
  /// a checkpoint every 16,384 WAL pages (64 MiB) rather than 1,000, so a page rewritten by
  /// many batches reaches the database file once per checkpoint.
  static let writerSettings = "PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384;"

  public func close() { database.close() }

  /// Remote calls that never found their segment (see ``ServiceDirectory``).
  public var unattributedCalls: Int { directory.withLock { $0.unattributed } }

  static let migrations = [
    Migration(
      version: 1,
      """
      CREATE TABLE segments(
        seq INTEGER PRIMARY KEY,
        id INTEGER NOT NULL,
        trace_id TEXT NOT NULL,
        parent_id INTEGER,
        name TEXT NOT NULL,
        service TEXT,
        is_subsegment INTEGER NOT NULL,
        start_time REAL NOT NULL,
        end_time REAL,
        fault INTEGER NOT NULL,
        error INTEGER NOT NULL,
        throttle INTEGER NOT NULL,
        http_status INTEGER,
        response_time REAL,
        document TEXT NOT NULL);
      CREATE UNIQUE INDEX segments_trace_id ON segments(trace_id, id);
      CREATE TABLE traces(
        trace_id TEXT PRIMARY KEY,
        start_time REAL NOT NULL,
        end_time REAL,
        fault INTEGER NOT NULL,
        error INTEGER NOT NULL,
        throttle INTEGER NOT NULL,
        http_status INTEGER,
        http_method TEXT,
        http_url TEXT,
        response_time REAL,
        root_service TEXT) WITHOUT ROWID;
      CREATE INDEX traces_start ON traces(start_time);
      CREATE TABLE graph_minutes(
        minute INTEGER NOT NULL, kind INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
        ok INTEGER NOT NULL, error_other INTEGER NOT NULL, throttle INTEGER NOT NULL,
        fault INTEGER NOT NULL, total INTEGER NOT NULL, total_time REAL NOT NULL,
        PRIMARY KEY(minute, kind, source, target)) WITHOUT ROWID;
      CREATE TABLE graph_histogram(
        minute INTEGER NOT NULL, kind INTEGER NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
        bucket REAL NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY(minute, kind, source, target, bucket)) WITHOUT ROWID;
      """)
  ]
}

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

  /// Opens (creating) the file at `path`; `retentionSegments` below 1 counts as 1.
  public init(path: String, retentionSegments: Int = 1_000_000) throws {
    database = try Database(path: path, migrations: Self.migrations, readers: 4)
    self.retentionSegments = max(1, retentionSegments)
    try database.configureWriter(Self.writerSettings)
  }

  /// The writer connection's settings (sqlite.org/pragma.html), none of which writes to the file:
  /// - a 64 MiB page cache, so the indexes an insert touches stay in memory rather than being
  ///   read back at every batch;
  /// - temporary files in memory: a multi-row INSERT or upsert inside a transaction keeps a
  ///   statement journal (the original of every page it changes: sqlite.org/tempfiles.html,
  ///   "Statement Journal Files"), which on disk cost a 4 KiB write per page changed, three
  ///   times what the WAL itself took;
  /// - a checkpoint every 32,768 WAL pages (128 MiB) rather than 1,000, so a page rewritten by
  ///   many batches (the last page of each table and index, where rows are appended) reaches
  ///   the database file once per checkpoint, and the WAL file cut back to 64 MiB after one;
  /// - freed content left as it is (`secure_delete`, which Debian's build turns on, zeroes every
  ///   byte a delete or a page rebalance frees): traces are lab data, and retention deletes
  ///   whole ranges.
  static let writerSettings = """
    PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;
    PRAGMA wal_autocheckpoint = 32768; PRAGMA journal_size_limit = 67108864;
    PRAGMA secure_delete = OFF;
    """

  public func close() { database.close() }

  /// The epoch minute a time falls in: the graph's and the summary index's granularity. A query
  /// window may be any finite number (`1e300`), so the minute is clamped to what an SQLite
  /// integer holds rather than trapping.
  static func minute(_ time: Double) -> Int {
    let minute = (time / 60).rounded(.down)
    guard !minute.isNaN else { return 0 }
    return Int(min(max(minute, -0x1p62), 0x1p62))
  }

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
      """),
    // Version 2: documents keep only the columns a read uses (the id, the trace, the service a
    // subsegment sent alone belongs to, times for ordering and in-progress completion); the
    // rest is in `document`. A narrower row is less for the writer to build and store.
    Migration(
      version: 2,
      """
      ALTER TABLE segments DROP COLUMN parent_id;
      ALTER TABLE segments DROP COLUMN name;
      ALTER TABLE segments DROP COLUMN is_subsegment;
      ALTER TABLE segments DROP COLUMN fault;
      ALTER TABLE segments DROP COLUMN error;
      ALTER TABLE segments DROP COLUMN throttle;
      ALTER TABLE segments DROP COLUMN http_status;
      ALTER TABLE segments DROP COLUMN response_time;
      """),
    // Version 3: summary rows are found by start minute and arrival (`seq`), not by start time.
    // Documents arrive in an order unrelated to their start (a long request reports after many
    // short ones; a batch holds traces from minutes apart), so an index on the start time took
    // a random page per new trace; an index led by the minute and then the arrival is appended
    // to, a few pages per batch. The index also holds the start time and the trace id, so a
    // page of summaries in start order sorts one minute's entries without reading its rows.
    Migration(
      version: 3,
      """
      CREATE TABLE traces_by_arrival(
        seq INTEGER PRIMARY KEY,
        trace_id TEXT NOT NULL,
        minute INTEGER NOT NULL,
        start_time REAL NOT NULL,
        end_time REAL,
        fault INTEGER NOT NULL,
        error INTEGER NOT NULL,
        throttle INTEGER NOT NULL,
        http_status INTEGER,
        http_method TEXT,
        http_url TEXT,
        response_time REAL,
        root_service TEXT);
      INSERT INTO traces_by_arrival(trace_id, minute, start_time, end_time, fault, error,
        throttle, http_status, http_method, http_url, response_time, root_service)
      SELECT trace_id, CAST(start_time / 60 AS INTEGER), start_time, end_time, fault, error,
        throttle, http_status, http_method, http_url, response_time, root_service
      FROM traces ORDER BY start_time;
      DROP TABLE traces;
      ALTER TABLE traces_by_arrival RENAME TO traces;
      CREATE UNIQUE INDEX traces_id ON traces(trace_id);
      CREATE INDEX traces_minute ON traces(minute, seq, start_time, trace_id);
      """),
  ]
}

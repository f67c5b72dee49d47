import Glibc
import Store

/// A sandbox's logs: one SQLite file (WAL) with an FTS5 index (trigram tokenizer, case
/// sensitive, so any substring of three or more characters can be looked up) and a retention
/// bound — the oldest events go first when there are more than `maxRows` or they are older
/// than `maxAge`. Inserts are batched in one transaction per chunk.
///
/// Queries take a CloudWatch Logs filter pattern: FTS5 narrows term patterns to candidates,
/// ``FilterPattern`` decides exactly.
public final class LogStore: Sendable {
  public struct Retention: Sendable {
    public var maxRows: Int
    /// Seconds; `nil` keeps events whatever their age.
    public var maxAge: Double?

    public init(maxRows: Int = 100_000, maxAge: Double? = nil) {
      self.maxRows = maxRows
      self.maxAge = maxAge
    }
  }

  public static let maxPageSize = 1000
  /// Most candidate events one query examines (the retention bound keeps tables near this).
  public static let maxScan = 200_000

  static let migrations = [
    Migration(
      version: 1,
      """
      CREATE TABLE logs (
        id INTEGER PRIMARY KEY,
        time REAL NOT NULL,
        container TEXT NOT NULL,
        source TEXT NOT NULL,
        message TEXT NOT NULL,
        record TEXT NOT NULL
      );
      CREATE INDEX logs_time ON logs(time);
      CREATE VIRTUAL TABLE logs_fts USING fts5(
        message, content='logs', content_rowid='id', tokenize='trigram case_sensitive 1');
      CREATE TRIGGER logs_insert AFTER INSERT ON logs BEGIN
        INSERT INTO logs_fts(rowid, message) VALUES (new.id, new.message);
      END;
      CREATE TRIGGER logs_delete AFTER DELETE ON logs BEGIN
        INSERT INTO logs_fts(logs_fts, rowid, message) VALUES ('delete', old.id, old.message);
      END;
      """)
  ]

  public let retention: Retention
  private let database: Database

  public init(path: String, retention: Retention = Retention()) throws {
    self.retention = retention
    database = try Database(path: path, migrations: Self.migrations, readers: 2)
  }

  public func close() { database.close() }

  /// Stores `records` in one transaction, then applies the retention bound.
  public func insert(_ records: [LogRecord]) throws {
    guard !records.isEmpty else { return }
    try database.write { connection in
      for record in records {
        var json: [UInt8] = []
        LogValue.appendObject(record.fields, to: &json)
        try connection.execute(
          "INSERT INTO logs (time, container, source, message, record) VALUES (?, ?, ?, ?, ?)",
          [
            .real(record.timestamp), .text(record["container_name"]?.text ?? ""),
            .text(record["source"]?.text ?? ""), .text(record["log"]?.text ?? ""),
            .text(String(decoding: json, as: UTF8.self)),
          ])
      }
      let newest = connection.lastInsertRowID
      try connection.execute(
        "DELETE FROM logs WHERE id <= ?", [.integer(newest - Int64(retention.maxRows))])
      if let maxAge = retention.maxAge {
        try connection.execute("DELETE FROM logs WHERE time < ?", [.real(WallClock.now() - maxAge)])
      }
    }
  }

  /// Events stored now.
  public func count() throws -> Int {
    try database.read { try $0.queryOne("SELECT count(*) AS n FROM logs")?.int("n") ?? 0 }
  }

  /// One page of events matching `query`, newest first, with facets.
  public func query(_ query: LogQuery) throws -> LogQueryResult {
    guard (1...Self.maxPageSize).contains(query.limit) else {
      throw LogStoreError.badLimit(query.limit)
    }
    let pattern: FilterPattern
    do {
      pattern = try FilterPattern(query.filter)
    } catch {
      throw LogStoreError.badPattern(error)
    }
    var before = Int64.max
    if let token = query.next {
      guard token.hasPrefix("n"), let id = Int64(token.dropFirst()), id > 0 else {
        throw LogStoreError.badToken(token)
      }
      before = id
    }
    var conditions: [String] = []
    var values: [SQLValue] = []
    if let fts = pattern.fullTextQuery {
      conditions.append("id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?)")
      values.append(.text(fts))
    }
    if let start = query.start {
      conditions.append("time >= ?")
      values.append(.real(start))
    }
    if let end = query.end {
      conditions.append("time < ?")
      values.append(.real(end))
    }
    let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
    let sql = """
      SELECT id, time, container, source, message, record FROM logs \(whereClause) \
      ORDER BY id DESC LIMIT \(Self.maxScan)
      """
    return try database.read { connection in
      var page: [StoredLog] = []
      var more = false
      var containers: [String: Int] = [:]
      var sources: [String: Int] = [:]
      for row in try connection.query(sql, values) {
        let message = row.string("message") ?? ""
        let recordText = row.string("record") ?? "{}"
        let matched = pattern.matches(message: message) {
          var text = recordText
          return text.withUTF8 { try? JSONRecordParser.parseObject($0) }
        }
        guard matched else { continue }
        let container = row.string("container") ?? ""
        let source = row.string("source") ?? ""
        containers[container, default: 0] += 1
        sources[source, default: 0] += 1
        let id = row.int64("id") ?? 0
        guard id < before, query.container.map({ $0 == container }) ?? true,
          query.source.map({ $0 == source }) ?? true
        else { continue }
        if page.count == query.limit {
          more = true
          continue
        }
        page.append(
          StoredLog(
            id: id, time: row.double("time") ?? 0, container: container, source: source,
            message: message, record: recordText))
      }
      return LogQueryResult(
        records: page, next: more ? "n\(page.last!.id)" : nil, containers: containers,
        sources: sources)
    }
  }
}

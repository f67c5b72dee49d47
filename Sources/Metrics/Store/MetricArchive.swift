import Store

/// The SQLite file behind a ``MetricStore``: the minute buckets of the last day, one row per
/// series and minute, rewritten while the minute is still filling and pruned after a day.
/// Deleting the sandbox's file deletes its metrics (DESIGN.md, Storage).
public final class MetricArchive: Sendable {
  private let database: Database

  static let migrations = [
    Migration(
      version: 1,
      """
      CREATE TABLE metric_series (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        labels BLOB NOT NULL,
        kind TEXT NOT NULL,
        UNIQUE (name, labels)
      );
      CREATE TABLE metric_minutes (
        series_id INTEGER NOT NULL REFERENCES metric_series (id) ON DELETE CASCADE,
        minute INTEGER NOT NULL,
        bucket BLOB NOT NULL,
        PRIMARY KEY (series_id, minute)
      ) WITHOUT ROWID;
      CREATE INDEX metric_minutes_by_minute ON metric_minutes (minute);
      """)
  ]

  /// Opens (creating) the file at `path`.
  public init(path: String) throws {
    database = try Database(path: path, migrations: Self.migrations, readers: 1)
  }

  public func close() { database.close() }

  /// The buckets of minutes at or after `since`, series by series in time order; rows that
  /// do not decode are skipped.
  func load(since: Int64) throws -> [ArchivedBucket] {
    try database.read { connection in
      var series: [Int64: (key: SeriesKey, kind: MetricKind)] = [:]
      for row in try connection.query("SELECT id, name, labels, kind FROM metric_series") {
        guard let id = row.int64("id"), let name = row.string("name"),
          let labels = row.blob("labels").flatMap(Self.decodeLabels),
          let kind = row.string("kind").flatMap(MetricKind.init(rawValue:))
        else { continue }
        series[id] = (SeriesKey(name: name, labels: labels), kind)
      }
      return try connection.query(
        """
        SELECT series_id, minute, bucket FROM metric_minutes WHERE minute >= ?
        ORDER BY series_id, minute
        """, [.integer(since)]
      ).compactMap { row in
        guard let id = row.int64("series_id"), let owner = series[id],
          let minute = row.int64("minute"),
          let bucket = row.blob("bucket").flatMap(BucketCoder.decode)
        else { return nil }
        return ArchivedBucket(key: owner.key, kind: owner.kind, minute: minute, bucket: bucket)
      }
    }
  }

  /// Writes (replacing) `buckets` and deletes minutes before `pruneBefore`, in one transaction.
  func save(_ buckets: [ArchivedBucket], pruneBefore: Int64) throws {
    try database.write { connection in
      for item in buckets {
        let labels = SQLValue.blob(Self.encodeLabels(item.key.labels))
        try connection.execute(
          "INSERT OR IGNORE INTO metric_series (name, labels, kind) VALUES (?, ?, ?)",
          [.text(item.key.name), labels, .text(item.kind.rawValue)])
        try connection.execute(
          """
          INSERT OR REPLACE INTO metric_minutes (series_id, minute, bucket)
          SELECT id, ?, ? FROM metric_series WHERE name = ? AND labels = ?
          """,
          [
            .integer(item.minute), .blob(BucketCoder.encode(item.bucket)), .text(item.key.name),
            labels,
          ])
      }
      try connection.execute("DELETE FROM metric_minutes WHERE minute < ?", [.integer(pruneBefore)])
      try connection.execute(
        """
        DELETE FROM metric_series WHERE NOT EXISTS
          (SELECT 1 FROM metric_minutes m WHERE m.series_id = metric_series.id)
        """)
    }
  }

  /// Labels as length-prefixed name and value bytes (values may hold any character).
  static func encodeLabels(_ labels: [Label]) -> [UInt8] {
    var writer = ByteWriter()
    for label in labels {
      for text in [label.name, label.value] {
        writer.integer(UInt64(text.utf8.count))
        for byte in text.utf8 { writer.byte(byte) }
      }
    }
    return writer.bytes
  }

  static func decodeLabels(_ bytes: [UInt8]) -> [Label]? {
    var reader = ByteReader(bytes)
    var labels: [Label] = []
    while !reader.isAtEnd {
      var parts: [String] = []
      for _ in 0..<2 {
        guard let length = reader.integer(), length <= UInt64(reader.remaining) else { return nil }
        var text: [UInt8] = []
        for _ in 0..<length { text.append(reader.byte()!) }
        parts.append(String(decoding: text, as: UTF8.self))
      }
      labels.append(Label(parts[0], parts[1]))
    }
    return labels
  }
}

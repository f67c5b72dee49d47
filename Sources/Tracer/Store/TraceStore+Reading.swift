import Store
import Telemetry

extension TraceStore {
  /// Reads stored documents back: they passed validation when they came, so only the age check
  /// is left out.
  static let storedDecoder: SegmentDecoder = {
    var decoder = SegmentDecoder(now: { 0 })
    decoder.maximumAge = .infinity
    decoder.maximumSkew = .infinity
    return decoder
  }()

  /// The service graph for responses that started in `[start, end]`, at minute granularity.
  public func serviceGraph(start: Double, end: Double) throws -> ServiceGraph {
    let range: [SQLValue] = [SQLValue(Self.minute(start)), SQLValue(Self.minute(end))]
    return try database.read { connection in
      var graph = ServiceGraph()
      for row in try connection.query(
        """
        SELECT kind, source, target, sum(ok) AS ok, sum(error_other) AS error_other,
          sum(throttle) AS throttle, sum(fault) AS fault, sum(total) AS total,
          sum(total_time) AS total_time
        FROM graph_minutes WHERE minute BETWEEN ? AND ? GROUP BY kind, source, target
        """, range)
      {
        var statistics = GraphStatistics()
        statistics.okCount = row.int("ok") ?? 0
        statistics.errorOtherCount = row.int("error_other") ?? 0
        statistics.throttleCount = row.int("throttle") ?? 0
        statistics.faultCount = row.int("fault") ?? 0
        statistics.totalCount = row.int("total") ?? 0
        statistics.totalResponseTime = row.double("total_time") ?? 0
        graph.set(statistics, kind: row.int("kind"), row.string("source"), row.string("target"))
      }
      for row in try connection.query(
        """
        SELECT kind, source, target, bucket, sum(count) AS count FROM graph_histogram
        WHERE minute BETWEEN ? AND ? GROUP BY kind, source, target, bucket
        """, range)
      {
        guard let bucket = row.double("bucket"), let count = row.int("count") else { continue }
        graph.addHistogram(
          bucket, count, kind: row.int("kind"), row.string("source"), row.string("target"))
      }
      return graph
    }
  }

  /// Summary rows of traces that started in `[start, end]`, in start order (then trace id),
  /// after `cursor`: read a minute at a time (see migration 3), each minute's entries sorted in
  /// the index, then the page's rows fetched.
  public func traceSummaries(
    start: Double, end: Double, after cursor: (startTime: Double, traceID: String)?, limit: Int
  ) throws -> [TraceSummaryRow] {
    let after = cursor ?? (-Double.infinity, "")
    let lastMinute = SQLValue(Self.minute(end))
    return try database.read { connection in
      var rows: [TraceSummaryRow] = []
      var minute = Self.minute(max(start, after.startTime))
      while rows.count < limit,
        let next = try connection.queryOne(
          "SELECT min(minute) AS minute FROM traces WHERE minute BETWEEN ? AND ?",
          [SQLValue(minute), lastMinute])?.int("minute")
      {
        rows += try Self.summaryRows(
          """
          WHERE seq IN (SELECT seq FROM traces INDEXED BY traces_minute WHERE minute = ?
            AND start_time BETWEEN ? AND ? AND (start_time, trace_id) > (?, ?)
            ORDER BY start_time, trace_id LIMIT ?)
          ORDER BY start_time, trace_id
          """,
          [
            SQLValue(next), .real(start), .real(end), .real(after.startTime),
            .text(after.traceID), SQLValue(limit - rows.count),
          ], connection)
        minute = next + 1
      }
      return rows
    }
  }

  /// The summary row of one trace.
  public func traceSummary(_ traceID: TraceID) throws -> TraceSummaryRow? {
    try database.read { connection in
      try Self.summaryRows("WHERE trace_id = ?", [.text(traceID.xray)], connection).first
    }
  }

  private static func summaryRows(
    _ condition: String, _ values: [SQLValue], _ connection: Connection
  ) throws -> [TraceSummaryRow] {
    try connection.query(
      """
      SELECT trace_id, start_time, end_time, fault, error, throttle, http_status, http_method,
        http_url, response_time, root_service FROM traces \(condition)
      """, values
    ).map { row in
      TraceSummaryRow(
        traceID: row.string("trace_id") ?? "", startTime: row.double("start_time") ?? 0,
        endTime: row.double("end_time"), fault: row.bool("fault") ?? false,
        error: row.bool("error") ?? false, throttle: row.bool("throttle") ?? false,
        http: XRayHTTP(
          method: row.string("http_method"), url: row.string("http_url"),
          status: row.int("http_status")),
        responseTime: row.double("response_time"), rootService: row.string("root_service"))
    }
  }

  /// Every stored document of a trace, in start order, decoded again.
  public func records(of traceID: TraceID) throws -> [SegmentRecord] {
    let rows = try database.read { connection in
      try connection.query(
        "SELECT service, document FROM segments WHERE trace_id = ? ORDER BY start_time LIMIT 10000",
        [.text(traceID.xray)])
    }
    return rows.compactMap { row in
      guard let document = row.string("document") else { return nil }
      return try? Self.storedDecoder.decode(bytes: document.utf8, service: row.string("service"))
    }
  }

  /// How many documents and traces are stored.
  public func counts() throws -> (segments: Int, traces: Int) {
    try database.read { connection in
      let segments = try connection.queryOne("SELECT count(*) AS n FROM segments")?.int("n") ?? 0
      let traces = try connection.queryOne("SELECT count(*) AS n FROM traces")?.int("n") ?? 0
      return (segments, traces)
    }
  }
}

extension ServiceGraph {
  fileprivate mutating func set(
    _ statistics: GraphStatistics, kind: Int?, _ source: String?, _ target: String?
  ) {
    guard let target else { return }
    if kind == GraphKey.Kind.node.rawValue {
      services[target] = statistics
    } else if let source {
      edges[ServiceEdge(source: source, target: target)] = statistics
    }
  }

  fileprivate mutating func addHistogram(
    _ bucket: Double, _ count: Int, kind: Int?, _ source: String?, _ target: String?
  ) {
    guard let target else { return }
    if kind == GraphKey.Kind.node.rawValue {
      services[target]?.histogram[bucket, default: 0] += count
    } else if let source {
      edges[ServiceEdge(source: source, target: target)]?.histogram[bucket, default: 0] += count
    }
  }
}

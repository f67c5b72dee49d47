import Store
import Telemetry

extension TraceStore {
  /// Stores `records` in one transaction: each document (an `in_progress` one is replaced by
  /// the later document with the same id), its trace's summary row, and the graph minutes of
  /// completed work; then applies the retention bound.
  public func insert(_ records: [SegmentRecord]) throws {
    guard !records.isEmpty else { return }
    var graph: [GraphKey: GraphStatistics] = [:]
    var traces: [TraceID: TraceSummaryUpdate] = [:]
    try database.write { connection in
      for record in records {
        traces[record.traceID, default: TraceSummaryUpdate(record)].merge(record)
        guard try insertSegment(record, connection) else { continue }
        aggregate(record, into: &graph)
      }
      for (traceID, update) in traces { try upsertTrace(traceID, update, connection) }
      try writeGraph(graph, connection)
      try applyRetention(newest: connection.lastInsertRowID, connection)
    }
  }

  /// Inserts the document, or completes an `in_progress` one; `false` when nothing changed (a
  /// repeat of a stored document, or an `in_progress` one arriving after its completion).
  private func insertSegment(_ record: SegmentRecord, _ connection: Connection) throws -> Bool {
    let changed = try connection.execute(
      """
      INSERT INTO segments(id, trace_id, parent_id, name, service, is_subsegment, start_time,
        end_time, fault, error, throttle, http_status, response_time, document)
      VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)
      ON CONFLICT(trace_id, id) DO UPDATE SET
        parent_id = excluded.parent_id, name = excluded.name, service = excluded.service,
        is_subsegment = excluded.is_subsegment, start_time = excluded.start_time,
        end_time = excluded.end_time, fault = excluded.fault, error = excluded.error,
        throttle = excluded.throttle, http_status = excluded.http_status,
        response_time = excluded.response_time, document = excluded.document
      WHERE segments.end_time IS NULL AND excluded.end_time IS NOT NULL
      """,
      [
        .integer(Int64(bitPattern: record.id.value)), .text(record.traceID.xray),
        record.parentID.map { .integer(Int64(bitPattern: $0.value)) } ?? .null,
        .text(record.name), SQLValue(record.service), SQLValue(record.isSubsegment),
        .real(record.startTime), record.endTime.map(SQLValue.real) ?? .null,
        SQLValue(record.fault), SQLValue(record.error), SQLValue(record.throttle),
        record.http.status.map { SQLValue($0) } ?? .null,
        record.responseTime.map(SQLValue.real) ?? .null, .text(record.document),
      ])
    return changed > 0 && !record.inProgress
  }

  /// The trace's summary row (X-Ray `TraceSummary`): the batch's changes merged into it.
  private func upsertTrace(
    _ traceID: TraceID, _ update: TraceSummaryUpdate, _ connection: Connection
  ) throws {
    let root = update.root
    try connection.execute(
      """
      INSERT INTO traces(trace_id, start_time, end_time, fault, error, throttle, http_status,
        http_method, http_url, response_time, root_service)
      VALUES(?,?,?,?,?,?,?,?,?,?,?)
      ON CONFLICT(trace_id) DO UPDATE SET
        start_time = min(start_time, excluded.start_time),
        end_time = max(coalesce(end_time, excluded.end_time), coalesce(excluded.end_time, end_time)),
        fault = fault | excluded.fault, error = error | excluded.error,
        throttle = throttle | excluded.throttle,
        http_status = coalesce(excluded.http_status, http_status),
        http_method = coalesce(excluded.http_method, http_method),
        http_url = coalesce(excluded.http_url, http_url),
        response_time = coalesce(excluded.response_time, response_time),
        root_service = coalesce(excluded.root_service, root_service)
      """,
      [
        .text(traceID.xray), .real(update.startTime), update.endTime.map(SQLValue.real) ?? .null,
        SQLValue(update.fault), SQLValue(update.error), SQLValue(update.throttle),
        root?.http.status.map { SQLValue($0) } ?? .null, SQLValue(root?.http.method),
        SQLValue(root?.http.url), root?.responseTime.map(SQLValue.real) ?? .null,
        SQLValue(root?.name),
      ])
  }

  /// A completed segment counts for its service's node, and for an edge from the client when it
  /// has no parent; every remote call counts for an edge from its service.
  private func aggregate(_ record: SegmentRecord, into graph: inout [GraphKey: GraphStatistics]) {
    if !record.isSubsegment, let responseTime = record.responseTime {
      let minute = Int(record.startTime / 60)
      let keys =
        [GraphKey(minute: minute, kind: .node, source: "", target: record.name)]
        + (record.parentID == nil
          ? [GraphKey(minute: minute, kind: .edge, source: "", target: record.name)] : [])
      for key in keys {
        graph[key, default: GraphStatistics()].record(
          responseTime: responseTime, fault: record.fault, error: record.error,
          throttle: record.throttle)
      }
    }
    for (service, call) in directory.withLock({ $0.resolve(record) }) {
      let key = GraphKey(
        minute: Int(call.startTime / 60), kind: .edge, source: service, target: call.target)
      graph[key, default: GraphStatistics()].record(
        responseTime: call.responseTime, fault: call.fault, error: call.error,
        throttle: call.throttle)
    }
  }

  private func writeGraph(_ graph: [GraphKey: GraphStatistics], _ connection: Connection) throws {
    for (key, statistics) in graph {
      let keyValues: [SQLValue] = [
        SQLValue(key.minute), SQLValue(key.kind.rawValue), .text(key.source), .text(key.target),
      ]
      try connection.execute(
        """
        INSERT INTO graph_minutes(minute, kind, source, target, ok, error_other, throttle, fault,
          total, total_time) VALUES(?,?,?,?,?,?,?,?,?,?)
        ON CONFLICT(minute, kind, source, target) DO UPDATE SET ok = ok + excluded.ok,
          error_other = error_other + excluded.error_other,
          throttle = throttle + excluded.throttle, fault = fault + excluded.fault,
          total = total + excluded.total, total_time = total_time + excluded.total_time
        """,
        keyValues + [
          SQLValue(statistics.okCount), SQLValue(statistics.errorOtherCount),
          SQLValue(statistics.throttleCount), SQLValue(statistics.faultCount),
          SQLValue(statistics.totalCount), .real(statistics.totalResponseTime),
        ])
      for (bucket, count) in statistics.histogram {
        try connection.execute(
          """
          INSERT INTO graph_histogram(minute, kind, source, target, bucket, count)
          VALUES(?,?,?,?,?,?)
          ON CONFLICT(minute, kind, source, target, bucket) DO UPDATE SET
            count = count + excluded.count
          """, keyValues + [.real(bucket), SQLValue(count)])
      }
    }
  }

  /// Keeps the newest `retentionSegments` documents (by arrival); traces and graph minutes that
  /// started before the oldest document left go with them.
  private func applyRetention(newest: Int64, _ connection: Connection) throws {
    let cutoff = newest - Int64(retentionSegments)
    guard cutoff > 0 else { return }
    let removed = try connection.execute("DELETE FROM segments WHERE seq <= ?", [.integer(cutoff)])
    guard removed > 0 else { return }
    if let oldest = try connection.queryOne(
      "SELECT start_time FROM segments ORDER BY seq LIMIT 1")?.double("start_time")
    {
      try connection.execute("DELETE FROM traces WHERE start_time < ?", [.real(oldest)])
      let minute = SQLValue(Int(oldest / 60))
      try connection.execute("DELETE FROM graph_minutes WHERE minute < ?", [minute])
      try connection.execute("DELETE FROM graph_histogram WHERE minute < ?", [minute])
    }
  }
}

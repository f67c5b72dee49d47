import Store
import Telemetry

extension TraceStore {
  /// Stores `records` in one transaction: each document (an `in_progress` one is replaced by
  /// the later document with the same id), its trace's summary row, and the graph minutes of
  /// completed work; then applies the retention bound.
  public func insert(_ records: [SegmentRecord]) throws {
    guard !records.isEmpty else { return }
    // Records are read in place through their addresses: passing one as an argument would copy
    // it, a retain and a release of each of its strings and arrays.
    try records.withUnsafeBufferPointer { records in
      let first = records.baseAddress!
      var graph: [GraphKey: GraphStatistics] = [:]
      var traces: [TraceID: TraceSummaryUpdate] = [:]
      for index in records.indices {
        let record = first + index
        if traces[record.pointee.traceID]?.merge(record) == nil {
          traces[record.pointee.traceID] = TraceSummaryUpdate(record)
        }
      }
      try database.write { connection in
        let changed = try insertSegments(records, connection)
        // Read before the trace upserts, which set it too.
        let newestSegment = connection.lastInsertRowID
        directory.withLock { directory in
          for index in records.indices where changed[index] {
            aggregate(first + index, into: &graph, directory: &directory)
          }
        }
        try upsertTraces(traces, connection)
        try writeGraph(graph, connection)
        try applyRetention(newest: newestSegment, connection)
      }
    }
  }

  static let segmentInsert = MultiRowInsert(
    "INSERT INTO segments(id, trace_id, service, start_time, end_time, document)",
    columns: 6, "ON CONFLICT DO NOTHING")

  /// Inserts the documents; for each, whether it changed the store: a new document, or the
  /// completion of an `in_progress` one (not a repeat of a stored document, nor an
  /// `in_progress` one arriving after its completion).
  private func insertSegments(
    _ records: UnsafeBufferPointer<SegmentRecord>, _ connection: Connection
  ) throws -> [Bool] {
    var changed = [Bool](repeating: false, count: records.count)
    var values: [SQLValue] = []
    for range in MultiRowInsert.ranges(count: records.count) {
      values.removeAll(keepingCapacity: true)
      for index in range { Self.appendSegmentValues(records.baseAddress! + index, to: &values) }
      let inserted = try connection.execute(Self.segmentInsert.statement(for: range), values)
      if inserted == range.count {
        for index in range { changed[index] = records[index].endTime != nil }  // complete
        continue
      }
      // Some ids were stored already. The rows this statement added have the newest seqs
      // (rowids count up), and each went to the first record with its id.
      let firstNew = connection.lastInsertRowID - Int64(inserted) + 1
      var claimed = Set<String>()
      for index in range {
        let record = records[index]  // the rare path: a copy is fine
        let key = "\(record.traceID.xray) \(record.id.hex)"
        let row = try connection.queryOne(
          "SELECT seq FROM segments WHERE trace_id = ? AND id = ?",
          [.text(record.traceID.xray), .integer(Int64(bitPattern: record.id.value))])
        if let seq = row?.int("seq"), seq >= firstNew, claimed.insert(key).inserted {
          changed[index] = !record.inProgress
        } else if !record.inProgress {
          changed[index] = try complete(records.baseAddress! + index, connection)
        }
      }
    }
    return changed
  }

  /// Replaces the stored `in_progress` document with the same id by `record`, its completion;
  /// false when the stored one is complete already.
  private func complete(_ record: UnsafePointer<SegmentRecord>, _ connection: Connection) throws
    -> Bool
  {
    var values: [SQLValue] = []
    Self.appendSegmentValues(record, to: &values)
    return try connection.execute(
      """
      UPDATE segments SET service = ?3, start_time = ?4, end_time = ?5, document = ?6
      WHERE trace_id = ?2 AND id = ?1 AND end_time IS NULL
      """, values) > 0
  }

  /// Appends a document's columns, in ``segmentInsert``'s order.
  private static func appendSegmentValues(
    _ record: UnsafePointer<SegmentRecord>, to values: inout [SQLValue]
  ) {
    values.append(.integer(Int64(bitPattern: record.pointee.id.value)))
    values.append(.text(record.pointee.traceID.xray))
    values.append(SQLValue(record.pointee.service))
    values.append(.real(record.pointee.startTime))
    values.append(record.pointee.endTime.map(SQLValue.real) ?? .null)
    values.append(.text(record.pointee.document))
  }

  static let traceUpsert = MultiRowInsert(
    """
    INSERT INTO traces(trace_id, minute, start_time, end_time, fault, error, throttle,
      http_status, http_method, http_url, response_time, root_service)
    """, columns: 12,
    """
    ON CONFLICT(trace_id) DO UPDATE SET
      minute = iif(excluded.start_time < start_time, excluded.minute, minute),
      start_time = min(start_time, excluded.start_time),
      end_time = max(coalesce(end_time, excluded.end_time), coalesce(excluded.end_time, end_time)),
      fault = fault | excluded.fault, error = error | excluded.error,
      throttle = throttle | excluded.throttle,
      http_status = coalesce(excluded.http_status, http_status),
      http_method = coalesce(excluded.http_method, http_method),
      http_url = coalesce(excluded.http_url, http_url),
      response_time = coalesce(excluded.response_time, response_time),
      root_service = coalesce(excluded.root_service, root_service)
    """)

  /// The traces' summary rows (X-Ray `TraceSummary`): each batch's changes merged into them.
  private func upsertTraces(
    _ traces: [TraceID: TraceSummaryUpdate], _ connection: Connection
  ) throws {
    var values: [SQLValue] = []
    var index = traces.startIndex
    for range in MultiRowInsert.ranges(count: traces.count) {
      values.removeAll(keepingCapacity: true)
      for _ in range {
        Self.appendTraceValues(traces[index].key, traces[index].value, to: &values)
        traces.formIndex(after: &index)
      }
      try connection.execute(Self.traceUpsert.statement(for: range), values)
    }
  }

  /// Appends a summary row's columns, in ``traceUpsert``'s order.
  private static func appendTraceValues(
    _ traceID: TraceID, _ update: TraceSummaryUpdate, to values: inout [SQLValue]
  ) {
    values.append(.text(traceID.xray))
    values.append(SQLValue(TraceStore.minute(update.startTime)))
    values.append(.real(update.startTime))
    values.append(update.endTime.map(SQLValue.real) ?? .null)
    values.append(SQLValue(update.fault))
    values.append(SQLValue(update.error))
    values.append(SQLValue(update.throttle))
    values.append(update.rootStatus.map { SQLValue($0) } ?? .null)
    values.append(SQLValue(update.rootMethod))
    values.append(SQLValue(update.rootURL))
    values.append(update.rootResponseTime.map(SQLValue.real) ?? .null)
    values.append(SQLValue(update.rootName))
  }

  /// A completed segment counts for its service's node, and for an edge from the client when it
  /// has no parent; every remote call counts for an edge from its service.
  private func aggregate(
    _ record: UnsafePointer<SegmentRecord>, into graph: inout [GraphKey: GraphStatistics],
    directory: inout ServiceDirectory
  ) {
    if !record.pointee.isSubsegment, let responseTime = record.pointee.responseTime {
      var key = GraphKey(
        minute: TraceStore.minute(record.pointee.startTime), kind: .node, source: "",
        target: record.pointee.name)
      while true {
        graph[key, default: GraphStatistics()].record(
          responseTime: responseTime, fault: record.pointee.fault, error: record.pointee.error,
          throttle: record.pointee.throttle)
        guard key.kind == .node, record.pointee.parentID == nil else { break }
        key.kind = .edge
      }
    }
    directory.resolve(record) { service, call in
      let key = GraphKey(
        minute: TraceStore.minute(call.startTime), kind: .edge, source: service,
        target: call.target)
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
      let minute = SQLValue(TraceStore.minute(oldest))
      try connection.execute(
        "DELETE FROM traces WHERE minute <= ? AND start_time < ?", [minute, .real(oldest)])
      try connection.execute("DELETE FROM graph_minutes WHERE minute < ?", [minute])
      try connection.execute("DELETE FROM graph_histogram WHERE minute < ?", [minute])
    }
  }
}

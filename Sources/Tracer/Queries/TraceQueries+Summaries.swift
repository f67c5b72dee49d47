import Telemetry
import Wire

extension TraceQueries {
  /// `GetTraceSummaries` (`POST /TraceSummaries {StartTime, EndTime, FilterExpression,
  /// NextToken}`) → `{TraceSummaries[], TracesProcessedCount, ApproximateTime, NextToken}`.
  /// Traces are read in start order; a bad filter expression is a 400 naming its position.
  public func traceSummaries(requestBody: [UInt8]) throws(HTTPError) -> [UInt8] {
    let request = try Self.requestObject(requestBody)
    let (start, end) = try Self.timeWindow(request)
    var expression: FilterExpression?
    if let text = request["FilterExpression"]?.string, !text.isEmpty {
      do {
        expression = try FilterParser.parse(text)
      } catch {
        throw HTTPError(.badRequest, "invalid FilterExpression: \(error)")
      }
    }
    var cursor: (startTime: Double, traceID: String)?
    if let token = request["NextToken"]?.string, !token.isEmpty {
      guard let parsed = Self.cursor(token) else {
        throw HTTPError(.badRequest, "NextToken was not issued by this server")
      }
      cursor = parsed
    }
    do {
      let page = try summaries(start: start, end: end, expression: expression, after: cursor)
      return Self.summariesDocument(page)
    } catch {
      throw HTTPError(.serviceUnavailable, "the trace store failed: \(error)")
    }
  }

  /// One page of matching traces and where the next page starts (`nil` when none is left).
  struct SummaryPage {
    var matches: [(row: TraceSummaryRow, records: [SegmentRecord])] = []
    var processed = 0
    var next: (startTime: Double, traceID: String)?
  }

  func summaries(
    start: Double, end: Double, expression: FilterExpression?,
    after cursor: (startTime: Double, traceID: String)?
  ) throws -> SummaryPage {
    let needsSegments = expression?.needsSegments ?? false
    let limit = needsSegments ? segmentScanLimit : scanLimit
    var page = SummaryPage()
    var position = cursor
    while true {
      let rows = try store.traceSummaries(start: start, end: end, after: position, limit: 500)
      for row in rows {
        page.processed += 1
        position = (row.startTime, row.traceID)
        var facts = row.facts
        var records: [SegmentRecord]?
        if needsSegments {
          records = try self.records(row.traceID)
          facts.add(segments: records ?? [])
        }
        if expression?.matches(facts) ?? true {
          page.matches.append((row, try records ?? self.records(row.traceID)))
        }
        if page.matches.count >= pageSize || page.processed >= limit {
          page.next = position
          return page
        }
      }
      if rows.count < 500 { return page }
    }
  }

  private func records(_ traceID: String) throws -> [SegmentRecord] {
    guard let id = TraceID(xray: traceID) else { return [] }
    return try store.records(of: id)
  }

  /// `NextToken` is the start time and trace id of the last trace examined.
  static func cursor(_ token: String) -> (startTime: Double, traceID: String)? {
    let parts = token.split(separator: "_", maxSplits: 1)
    guard parts.count == 2, let time = Double(parts[0]), time.isFinite,
      TraceID(xray: parts[1]) != nil
    else { return nil }
    return (time, String(parts[1]))
  }

  static func summariesDocument(_ page: SummaryPage) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("TraceSummaries")
    writer.beginArray()
    for (row, records) in page.matches { writeSummary(row, records, to: &writer) }
    writer.endArray()
    writer.key("TracesProcessedCount")
    writer.int(page.processed)
    if let next = page.next {
      writer.key("NextToken")
      writer.string("\(next.startTime)_\(next.traceID)")
    }
    writer.endObject()
    return writer.bytes
  }

  /// `TraceSummary{Id, Duration, ResponseTime, HasFault, HasError, HasThrottle, IsPartial,
  /// StartTime, Http{HttpURL, HttpStatus, HttpMethod}, Annotations, ServiceIds, EntryPoint}`.
  private static func writeSummary(
    _ row: TraceSummaryRow, _ records: [SegmentRecord], to writer: inout JSONWriter
  ) {
    writer.beginObject()
    writer.key("Id")
    writer.string(row.traceID)
    writer.key("StartTime")
    writer.double(row.startTime)
    writer.key("Duration")
    writer.double(row.duration)
    writer.key("ResponseTime")
    writer.double(row.responseTime ?? row.duration)
    for (key, flag) in [
      ("HasFault", row.fault), ("HasError", row.error), ("HasThrottle", row.throttle),
    ] {
      writer.key(key)
      writer.bool(flag)
    }
    writer.key("IsPartial")
    writer.bool(row.endTime == nil || records.contains { $0.inProgress })
    writer.key("Http")
    writer.beginObject()
    if let url = row.http.url {
      writer.key("HttpURL")
      writer.string(url)
    }
    if let status = row.http.status {
      writer.key("HttpStatus")
      writer.int(status)
    }
    if let method = row.http.method {
      writer.key("HttpMethod")
      writer.string(method)
    }
    writer.endObject()
    writeAnnotations(records, to: &writer)
    let services = Array(Set(records.filter { !$0.isSubsegment }.map(\.name))).sorted()
    writer.key("ServiceIds")
    writer.beginArray()
    for name in services { writeServiceID(name, to: &writer) }
    writer.endArray()
    if let root = row.rootService {
      writer.key("EntryPoint")
      writeServiceID(root, to: &writer)
    }
    writer.endObject()
  }

  /// `Annotations{key: [{AnnotationValue{NumberValue|StringValue|BooleanValue}, ServiceIds}]}`.
  private static func writeAnnotations(_ records: [SegmentRecord], to writer: inout JSONWriter) {
    var order: [String] = []
    var values: [String: [(AnnotationValue, String)]] = [:]
    for record in records {
      for annotation in record.annotations {
        if values[annotation.key] == nil { order.append(annotation.key) }
        values[annotation.key, default: []].append(
          (annotation.value, record.service ?? record.name))
      }
    }
    writer.key("Annotations")
    writer.beginObject()
    for key in order {
      writer.key(key)
      writer.beginArray()
      for (value, service) in values[key] ?? [] {
        writer.beginObject()
        writer.key("AnnotationValue")
        writer.beginObject()
        switch value {
        case .string(let text):
          writer.key("StringValue")
          writer.string(text)
        case .int(let number):
          writer.key("NumberValue")
          writer.int(number)
        case .double(let number):
          writer.key("NumberValue")
          writer.double(number)
        case .bool(let flag):
          writer.key("BooleanValue")
          writer.bool(flag)
        }
        writer.endObject()
        writer.key("ServiceIds")
        writer.beginArray()
        writeServiceID(service, to: &writer)
        writer.endArray()
        writer.endObject()
      }
      writer.endArray()
    }
    writer.endObject()
  }

  private static func writeServiceID(_ name: String, to writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("Name")
    writer.string(name)
    writer.key("Names")
    writer.beginArray()
    writer.string(name)
    writer.endArray()
    writer.key("Type")
    writer.string("service")
    writer.endObject()
  }
}

import Wire

/// Fluent Bit's `http` input: `POST` a JSON array of objects (or one object) to any path.
/// Answers 201 when the records are queued, 400 for a body that is not that, and 503 with
/// `Retry-After` while the buffer is full — the sender keeps its records and tries again, so
/// nothing is lost.
enum HTTPInput {
  static let maxBody = 8 * 1024 * 1024

  static func route(builder: RecordBuilder, pipeline: Pipeline, counters: PluginCounters) -> Route {
    Route(
      .post, "/*", bodyLimit: maxBody,
      .task { request in
        let records: [LogRecord]
        do {
          records = try parse(request.body, builder: builder)
        } catch {
          return HTTPResponse(
            status: .badRequest, contentType: "text/plain; charset=utf-8",
            text: "expected a JSON array of objects: \(error)\n")
        }
        guard pipeline.hasRoom else {
          return HTTPResponse(
            status: HTTPStatus(503, "Service Unavailable"),
            contentType: "text/plain; charset=utf-8",
            text: "buffer full, retry later\n", headers: ["Retry-After": "1"])
        }
        counters.add(.records, records.count)
        counters.add(.bytes, request.body.count)
        pipeline.ingest(records) { true }
        return HTTPResponse(status: HTTPStatus(201, "Created"))
      })
  }

  static func parse(_ body: [UInt8], builder: RecordBuilder) throws(LogParseError) -> [LogRecord] {
    let value = try body.withUnsafeBufferPointer { bytes in
      Result { () throws(LogParseError) in try JSONRecordParser.parseValue(bytes) }
    }.get()
    let timestamp = WallClock.now()
    let objects: [LogValue]
    switch value {
    case .array(let values): objects = values
    case .map: objects = [value]
    default: throw LogParseError("the body is neither an array nor an object", at: 0)
    }
    return try objects.map { object throws(LogParseError) in
      guard case .map(let fields) = object else {
        throw LogParseError("an element of the array is not an object", at: 0)
      }
      return builder.record(fields: fields, timestamp: timestamp)
    }
  }
}

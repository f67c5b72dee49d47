import Wire

/// `GET /api/v1/logs?filter=…&container=…&source=…&start=…&end=…&limit=…&next=…` over a
/// ``LogStore``, for the lab server to mount (it decides whose store a request may read).
/// Answers `{"events":[{id,time,container,source,message,record}],"next":…,
/// "facets":{"container":{…},"source":{…}}}`; a bad pattern or parameter is a 400 whose text
/// names the problem (and the pattern position).
public enum LogSearchRoute {
  /// - Parameter store: the store the request may read, or `nil` (answered 404).
  public static func route(
    path: String = "/api/v1/logs", store: @escaping @Sendable (HTTPRequest) -> LogStore?
  ) -> Route {
    Route(
      .get, path,
      .task { request in
        guard let logs = store(request) else { throw HTTPError(.notFound, "no log store here") }
        do {
          let result = try logs.query(try query(from: request.query))
          return HTTPResponse(contentType: "application/json", text: json(result))
        } catch let error as LogStoreError {
          throw HTTPError(.badRequest, error.description)
        }
      })
  }

  /// The query a request's parameters describe.
  public static func query(from text: Substring?) throws(LogStoreError) -> LogQuery {
    let parameters = try QueryParameters(text)
    func number(_ name: String) throws(LogStoreError) -> Double? {
      guard let text = parameters[name] else { return nil }
      guard let value = Double(text), value.isFinite else {
        throw .badQuery("\(name) must be a number, got '\(text)'")
      }
      return value
    }
    var query = LogQuery(
      filter: parameters["filter"] ?? "", container: parameters["container"],
      source: parameters["source"],
      start: try number("start"), end: try number("end"), next: parameters["next"])
    if let limit = try number("limit") {
      guard let whole = Int(exactly: limit) else { throw .badQuery("limit must be a whole number") }
      query.limit = whole
    }
    return query
  }

  static func json(_ result: LogQueryResult) -> String {
    let events = result.records.map { event in
      let record = (try? JSONRecordParser.parseValue(event.record)) ?? .string(event.record)
      return LogValue.map([
        LogField("id", .integer(event.id)), LogField("time", .double(event.time)),
        LogField("container", .string(event.container)), LogField("source", .string(event.source)),
        LogField("message", .string(event.message)), LogField("record", record),
      ])
    }
    func facet(_ counts: [String: Int]) -> LogValue {
      .map(counts.sorted { $0.key < $1.key }.map { LogField($0.key, .integer(Int64($0.value))) })
    }
    let document = LogValue.map([
      LogField("events", .array(events)),
      LogField("next", result.next.map(LogValue.string) ?? .null),
      LogField(
        "facets",
        .map([
          LogField("container", facet(result.containers)),
          LogField("source", facet(result.sources)),
        ])),
    ])
    return document.text
  }
}

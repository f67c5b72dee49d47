import Telemetry
import Wire

extension TraceQueries {
  /// The X-Ray API paths (`POST /ServiceGraph`, `/TraceSummaries`, `/Traces`), under `prefix`
  /// (the lab server mounts them under `/api/v1/xray`). Errors answer in the rest-json shape:
  /// `x-amzn-ErrorType` and `{"message": …}`.
  public func routes(prefix: String = "") -> [Route] {
    let handlers: [(String, @Sendable (TraceQueries, [UInt8]) throws(HTTPError) -> [UInt8])] = [
      (
        "/ServiceGraph",
        { queries, body throws(HTTPError) in try queries.serviceGraph(requestBody: body) }
      ),
      (
        "/TraceSummaries",
        { queries, body throws(HTTPError) in try queries.traceSummaries(requestBody: body) }
      ),
      (
        "/Traces",
        { queries, body throws(HTTPError) in try queries.batchGetTraces(requestBody: body) }
      ),
    ]
    return handlers.map { path, handler in
      Route(
        .post, prefix + path, bodyLimit: 1 << 20,
        .task { [self] request in
          Self.respond { () throws(HTTPError) in try handler(self, request.body) }
        })
    }
  }

  /// A JSON response from `body`, or the error as X-Ray writes errors.
  static func respond(_ body: () throws(HTTPError) -> [UInt8]) -> HTTPResponse {
    var headers = HTTPHeaders()
    headers.set("Content-Type", "application/json")
    do {
      return HTTPResponse(status: .ok, headers: headers, body: .bytes(try body()))
    } catch {
      headers.set(
        "x-amzn-ErrorType",
        error.status == .badRequest ? "InvalidRequestException" : "ThrottledException")
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("message")
      writer.string(error.message)
      writer.endObject()
      return HTTPResponse(status: error.status, headers: headers, body: .bytes(writer.bytes))
    }
  }
}

import Telemetry
import Wire

/// X-Ray's read API over a ``TraceStore``, taking and returning the JSON bodies of botocore's
/// `xray/2016-04-12` model: `GetServiceGraph`, `GetTraceSummaries` and `BatchGetTraces`.
/// Bad requests throw ``Wire/HTTPError`` with status 400 and a message that says what to fix.
public struct TraceQueries: Sendable {
  public let store: TraceStore
  /// Most summaries returned in one page (X-Ray pages its results; `NextToken` continues).
  public var pageSize = 100
  /// Most traces examined in one call: an expression that matches rarely still answers in
  /// bounded time, with a `NextToken` to go on.
  public var scanLimit = 20_000
  /// The same, for expressions that read segments (services, edges, annotations).
  public var segmentScanLimit = 500
  /// Most ids `BatchGetTraces` takes at once.
  public var maximumTraceIDs = 100

  public init(store: TraceStore) {
    self.store = store
  }

  /// Parses a request body: a JSON object of at most 1 MiB.
  static func requestObject(_ body: [UInt8]) throws(HTTPError) -> JSONValue {
    let value: JSONValue
    do {
      value = try JSONParser(maximumBytes: 1 << 20).parse(body.isEmpty ? Array("{}".utf8) : body)
    } catch {
      throw HTTPError(.badRequest, "the request body is not valid JSON: \(error)")
    }
    guard value.members != nil else {
      throw HTTPError(.badRequest, "the request body must be a JSON object")
    }
    return value
  }

  /// `StartTime` and `EndTime`, epoch seconds (rest-json timestamps), start not after end.
  static func timeWindow(_ request: JSONValue) throws(HTTPError) -> (Double, Double) {
    guard let start = request["StartTime"]?.double, let end = request["EndTime"]?.double else {
      throw HTTPError(.badRequest, "StartTime and EndTime are required, as epoch seconds")
    }
    guard start <= end else { throw HTTPError(.badRequest, "StartTime is after EndTime") }
    return (start, end)
  }
}

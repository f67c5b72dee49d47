import Telemetry

/// One request as the app logs it to standard output: one JSON object per line.
public struct RequestLogEntry: Sendable, Equatable {
  public var time: Double
  public var level = "info"
  public var identity: ServiceIdentity
  public var method: String
  public var path: String
  public var status: Int
  public var durationMilliseconds: Double
  public var requestID: String
  /// The trace id in X-Ray form.
  public var traceID: String

  public init(
    time: Double, identity: ServiceIdentity, method: String, path: String, status: Int,
    durationMilliseconds: Double, requestID: String, traceID: String
  ) {
    self.time = time
    self.identity = identity
    self.method = method
    self.path = path
    self.status = status
    self.durationMilliseconds = durationMilliseconds
    self.requestID = requestID
    self.traceID = traceID
  }

  /// The line, with `time` in RFC 3339 UTC and `duration_ms` rounded to microseconds.
  public var json: [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("time")
    writer.string(WallClock.rfc3339(time))
    writer.key("level")
    writer.string(level)
    writer.key("service")
    writer.string(identity.service.rawValue)
    writer.key("instance")
    writer.string(identity.instance)
    writer.key("version")
    writer.string(identity.version)
    writer.key("method")
    writer.string(method)
    writer.key("path")
    writer.string(path)
    writer.key("status")
    writer.int(status)
    writer.key("duration_ms")
    writer.double((durationMilliseconds * 1000).rounded() / 1000)
    writer.key("request_id")
    writer.string(requestID)
    writer.key("trace_id")
    writer.string(traceID)
    writer.endObject()
    return writer.bytes
  }
}

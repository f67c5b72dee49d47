import Telemetry

/// Error lines on standard error: one JSON object each, level `error`.
public struct ErrorLog: Sendable {
  public let identity: ServiceIdentity

  public init(identity: ServiceIdentity) { self.identity = identity }

  /// The line for `message`, with optional extra string fields.
  public func line(
    _ message: String, time: Double = WallClock.now(), fields: [(String, String)] = []
  ) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("time")
    writer.string(WallClock.rfc3339(time))
    writer.key("level")
    writer.string("error")
    writer.key("service")
    writer.string(identity.service.rawValue)
    writer.key("instance")
    writer.string(identity.instance)
    writer.key("message")
    writer.string(message)
    for (name, value) in fields {
      writer.key(name)
      writer.string(value)
    }
    writer.endObject()
    return writer.bytes
  }

  /// Writes `message` to standard error.
  public func report(_ message: String, fields: [(String, String)] = []) {
    StandardStream.standardError.writeLine(line(message, fields: fields))
  }
}

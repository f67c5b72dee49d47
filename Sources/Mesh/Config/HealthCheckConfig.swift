import Telemetry

/// A listener's active health check (App Mesh `HealthCheckPolicy`). App Mesh asks for intervals of
/// at least 5 s and timeouts of at least 2 s; labs need quicker checks, so both may go down to 100 ms.
public struct HealthCheckConfig: Sendable, Equatable {
  public enum CheckProtocol: String, Sendable, CaseIterable {
    case http, tcp
  }

  public var checkProtocol: CheckProtocol
  /// The request path for `http` checks.
  public var path: String?
  /// The port to check; `nil` means the listener's port.
  public var port: Int?
  public var intervalMillis: Int
  public var timeoutMillis: Int
  public var healthyThreshold: Int
  public var unhealthyThreshold: Int

  public init(
    checkProtocol: CheckProtocol = .http, path: String? = "/", port: Int? = nil,
    intervalMillis: Int = 5000, timeoutMillis: Int = 2000, healthyThreshold: Int = 2,
    unhealthyThreshold: Int = 2
  ) {
    self.checkProtocol = checkProtocol
    self.path = path
    self.port = port
    self.intervalMillis = intervalMillis
    self.timeoutMillis = timeoutMillis
    self.healthyThreshold = healthyThreshold
    self.unhealthyThreshold = unhealthyThreshold
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "protocol", "path", "port", "intervalMillis", "timeoutMillis", "healthyThreshold",
      "unhealthyThreshold",
    ])
    checkProtocol = try reader.required("protocol").choice(CheckProtocol.self)
    path = try reader.optional("path")?.string(length: 1...1024)
    if checkProtocol == .http {
      guard let path else {
        throw MeshConfigError(path: "\(reader.path).path", message: "required for http checks")
      }
      // RFC 9112 §3.2: the path goes into a request line, so no spaces or control characters.
      guard path.hasPrefix("/"), path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
        throw MeshConfigError(
          path: "\(reader.path).path",
          message: "must start with '/' and hold no spaces or control characters")
      }
    }
    port = try reader.optional("port")?.int(in: 1...65535)
    intervalMillis = try reader.required("intervalMillis").int(in: 100...300_000)
    timeoutMillis = try reader.required("timeoutMillis").int(in: 100...60_000)
    healthyThreshold = try reader.required("healthyThreshold").int(in: 1...10)
    unhealthyThreshold = try reader.required("unhealthyThreshold").int(in: 1...10)
  }

  func write(to json: inout JSONWriter) {
    json.field("protocol", checkProtocol.rawValue)
    if let path { json.field("path", path) }
    if let port { json.field("port", port) }
    json.field("intervalMillis", intervalMillis)
    json.field("timeoutMillis", timeoutMillis)
    json.field("healthyThreshold", healthyThreshold)
    json.field("unhealthyThreshold", unhealthyThreshold)
  }
}

import Telemetry

/// `timeout.http` of a listener, or `timeout` of an HTTP route: `perRequest` is Envoy's route
/// timeout (default 15 s; 0 disables it) and `idle` its stream idle timeout.
public struct TimeoutConfig: Sendable, Equatable {
  public var perRequest: MeshDuration?
  public var idle: MeshDuration?

  public init(perRequest: MeshDuration? = nil, idle: MeshDuration? = nil) {
    self.perRequest = perRequest
    self.idle = idle
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["perRequest", "idle"])
    perRequest = try reader.optional("perRequest").map { r throws(MeshConfigError) in
      try MeshDuration(r)
    }
    idle = try reader.optional("idle").map { r throws(MeshConfigError) in try MeshDuration(r) }
  }

  func write(to json: inout JSONWriter) {
    if let perRequest { json.field("perRequest", perRequest) }
    if let idle { json.field("idle", idle) }
  }
}

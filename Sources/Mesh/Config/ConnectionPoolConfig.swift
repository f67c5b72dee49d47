import Telemetry

/// A listener's HTTP connection pool (App Mesh `VirtualNodeHttpConnectionPool`), which sets the
/// circuit breakers of the cluster that reaches this node (Envoy `circuit_breakers.thresholds`).
public struct ConnectionPoolConfig: Sendable, Equatable {
  public var maxConnections: Int
  /// `nil` keeps Envoy's default of 1024.
  public var maxPendingRequests: Int?

  public init(maxConnections: Int, maxPendingRequests: Int? = nil) {
    self.maxConnections = maxConnections
    self.maxPendingRequests = maxPendingRequests
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["http"])
    let http = try reader.required("http")
    _ = try http.members(allowed: ["maxConnections", "maxPendingRequests"])
    maxConnections = try http.required("maxConnections").int(in: 1...1_000_000)
    maxPendingRequests = try http.optional("maxPendingRequests")?.int(in: 1...1_000_000)
  }

  func write(to json: inout JSONWriter) {
    json.object("http") { http in
      http.field("maxConnections", maxConnections)
      if let maxPendingRequests { http.field("maxPendingRequests", maxPendingRequests) }
    }
  }
}

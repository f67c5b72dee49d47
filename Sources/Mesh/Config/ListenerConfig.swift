import Telemetry

/// A virtual node's listener: `portMapping{port, protocol}` plus its health check, outlier
/// detection, connection pool and timeouts. Only the `http` protocol is served.
public struct ListenerConfig: Sendable, Equatable {
  public var port: Int
  public var healthCheck: HealthCheckConfig?
  public var outlierDetection: OutlierDetectionConfig?
  public var connectionPool: ConnectionPoolConfig?
  public var timeout: TimeoutConfig?

  public init(
    port: Int, healthCheck: HealthCheckConfig? = nil,
    outlierDetection: OutlierDetectionConfig? = nil,
    connectionPool: ConnectionPoolConfig? = nil, timeout: TimeoutConfig? = nil
  ) {
    self.port = port
    self.healthCheck = healthCheck
    self.outlierDetection = outlierDetection
    self.connectionPool = connectionPool
    self.timeout = timeout
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "portMapping", "healthCheck", "outlierDetection", "connectionPool", "timeout",
    ])
    port = try Self.port(of: reader.required("portMapping"))
    healthCheck = try reader.optional("healthCheck").map { r throws(MeshConfigError) in
      try HealthCheckConfig(r)
    }
    outlierDetection = try reader.optional("outlierDetection").map { r throws(MeshConfigError) in
      try OutlierDetectionConfig(r)
    }
    connectionPool = try reader.optional("connectionPool").map { r throws(MeshConfigError) in
      try ConnectionPoolConfig(r)
    }
    if let timeout = try reader.optional("timeout") {
      _ = try timeout.members(allowed: ["http"])
      self.timeout = try timeout.optional("http").map { r throws(MeshConfigError) in
        try TimeoutConfig(r)
      }
    }
  }

  /// Reads `portMapping{port, protocol}`, the shape listeners of nodes and routers share.
  static func port(of mapping: ConfigReader) throws(MeshConfigError) -> Int {
    _ = try mapping.members(allowed: ["port", "protocol"])
    let port = try mapping.required("port").int(in: 1...65535)
    let proto = try mapping.required("protocol").string()
    guard proto == "http" else {
      throw MeshConfigError(path: "\(mapping.path).protocol", message: "only \"http\" is supported")
    }
    return port
  }

  static func writePortMapping(_ port: Int, to json: inout JSONWriter) {
    json.object("portMapping") { mapping in
      mapping.field("port", port)
      mapping.field("protocol", "http")
    }
  }

  func write(to json: inout JSONWriter) {
    Self.writePortMapping(port, to: &json)
    if let healthCheck { json.object("healthCheck") { healthCheck.write(to: &$0) } }
    if let outlierDetection { json.object("outlierDetection") { outlierDetection.write(to: &$0) } }
    if let connectionPool { json.object("connectionPool") { connectionPool.write(to: &$0) } }
    if let timeout {
      json.object("timeout") { json in json.object("http") { timeout.write(to: &$0) } }
    }
  }
}

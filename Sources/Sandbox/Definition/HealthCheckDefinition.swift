/// An HTTP health check on loopback, with ECS's semantics: a check passes on a 2xx answer
/// within `timeoutMillis`; `healthyThreshold` passes in a row make the process healthy,
/// `unhealthyThreshold` failures in a row unhealthy; failures in the start period do not count.
public struct HealthCheckDefinition: Codable, Sendable, Equatable {
  public var path: String
  /// Name of one of the container's ports.
  public var port: String
  public var intervalMillis: Int
  public var timeoutMillis: Int
  public var healthyThreshold: Int
  public var unhealthyThreshold: Int
  public var startPeriodMillis: Int

  public init(
    path: String = "/health", port: String, intervalMillis: Int = 2000, timeoutMillis: Int = 1000,
    healthyThreshold: Int = 1, unhealthyThreshold: Int = 3, startPeriodMillis: Int = 5000
  ) {
    self.path = path
    self.port = port
    self.intervalMillis = intervalMillis
    self.timeoutMillis = timeoutMillis
    self.healthyThreshold = healthyThreshold
    self.unhealthyThreshold = unhealthyThreshold
    self.startPeriodMillis = startPeriodMillis
  }
}

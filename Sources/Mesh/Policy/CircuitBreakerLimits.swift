/// A cluster's circuit-breaker thresholds (Envoy `circuit_breakers.thresholds`, defaults 1024,
/// 1024, 1024 and 3 retries; FORMATS.md "Circuit breakers").
public struct CircuitBreakerLimits: Sendable, Equatable {
  public var maxConnections: Int
  public var maxPendingRequests: Int
  public var maxRequests: Int
  public var maxRetries: Int

  public static let envoyDefault = CircuitBreakerLimits()

  public init(
    maxConnections: Int = 1024, maxPendingRequests: Int = 1024, maxRequests: Int = 1024,
    maxRetries: Int = 3
  ) {
    self.maxConnections = maxConnections
    self.maxPendingRequests = maxPendingRequests
    self.maxRequests = maxRequests
    self.maxRetries = maxRetries
  }

  /// The thresholds an App Mesh `connectionPool.http` sets; the rest keep Envoy's defaults.
  public init(_ pool: ConnectionPoolConfig?) {
    self.init()
    guard let pool else { return }
    maxConnections = pool.maxConnections
    if let pending = pool.maxPendingRequests { maxPendingRequests = pending }
  }
}

/// One cluster's circuit breakers: counts of open connections, requests waiting for a
/// connection, requests in flight and retries in flight, each against its limit. A resource
/// that is at its limit is refused and the refusal counted; the proxy then answers 503 with
/// `x-envoy-overloaded: true` and flag `UO` (FORMATS.md). As in Envoy's HTTP/1 pool, a request
/// that finds `connection` full waits as `pendingRequest`; only a full pending queue fails it.
///
/// A value type owned by one event loop: no locking, no allocation.
public struct CircuitBreaker: Sendable {
  public enum Resource: Sendable, CaseIterable {
    case connection, pendingRequest, request, retry
  }

  public let limits: CircuitBreakerLimits
  private var connections = 0
  private var pendingRequests = 0
  private var requests = 0
  private var retries = 0
  private var connectionOverflows: UInt64 = 0
  private var pendingOverflows: UInt64 = 0
  private var requestOverflows: UInt64 = 0
  private var retryOverflows: UInt64 = 0

  public init(limits: CircuitBreakerLimits = .envoyDefault) {
    self.limits = limits
  }

  /// Takes one unit of `resource` if it is below its limit; otherwise counts an overflow
  /// (Envoy `upstream_cx_overflow`, `upstream_rq_pending_overflow`, `upstream_rq_retry_overflow`).
  public mutating func tryAcquire(_ resource: Resource) -> Bool {
    switch resource {
    case .connection: Self.take(&connections, limits.maxConnections, &connectionOverflows)
    case .pendingRequest: Self.take(&pendingRequests, limits.maxPendingRequests, &pendingOverflows)
    case .request: Self.take(&requests, limits.maxRequests, &requestOverflows)
    case .retry: Self.take(&retries, limits.maxRetries, &retryOverflows)
    }
  }

  /// Gives back one unit of `resource` taken by `tryAcquire`.
  public mutating func release(_ resource: Resource) {
    switch resource {
    case .connection: connections = max(0, connections - 1)
    case .pendingRequest: pendingRequests = max(0, pendingRequests - 1)
    case .request: requests = max(0, requests - 1)
    case .retry: retries = max(0, retries - 1)
    }
  }

  /// Units of `resource` held now.
  public func active(_ resource: Resource) -> Int {
    switch resource {
    case .connection: connections
    case .pendingRequest: pendingRequests
    case .request: requests
    case .retry: retries
    }
  }

  /// Refusals of `resource` so far.
  public func overflows(_ resource: Resource) -> UInt64 {
    switch resource {
    case .connection: connectionOverflows
    case .pendingRequest: pendingOverflows
    case .request: requestOverflows
    case .retry: retryOverflows
    }
  }

  /// Whether `resource` is at its limit (Envoy's `circuit_breakers.default.*_open` gauges).
  public func isOpen(_ resource: Resource) -> Bool {
    switch resource {
    case .connection: connections >= limits.maxConnections
    case .pendingRequest: pendingRequests >= limits.maxPendingRequests
    case .request: requests >= limits.maxRequests
    case .retry: retries >= limits.maxRetries
    }
  }

  private static func take(_ count: inout Int, _ limit: Int, _ overflows: inout UInt64) -> Bool {
    guard count < limit else {
      overflows &+= 1
      return false
    }
    count += 1
    return true
  }
}

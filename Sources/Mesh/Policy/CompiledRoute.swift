import Wire

/// One route ready for the request path: its match, its weighted clusters and its policies.
/// Immutable and shared; per-route state (the rate limit's token bucket) is kept by the engine
/// in arrays indexed by `index`.
public final class CompiledRoute: Sendable {
  /// Envoy's default route timeout: 15 s (FORMATS.md).
  public static let defaultTimeout: UInt64 = 15_000_000_000
  /// App Mesh's default idle timeout: 300 s.
  public static let defaultIdleTimeout: UInt64 = 300_000_000_000

  /// The App Mesh route name, or for routes made without one, the virtual service or `ingress`.
  public let name: String
  /// Dense position in `RouteTable.routes`.
  public let index: Int
  let matcher: RouteMatcher
  let priority: Int
  /// The clusters with their weights, and each one's running total, for `pickTarget`.
  public let targets: [(cluster: Cluster, weight: Int)]
  private let cumulativeWeights: [UInt64]
  private let totalWeight: UInt64
  public let retryPolicy: RetryPolicy
  /// Nanoseconds from the end of the request to the end of the response, all tries included;
  /// 0 disables it (expiry: 504, flag `UT`).
  public let timeout: UInt64
  /// Nanoseconds a request may go without any bytes moving; 0 disables it.
  public let idleTimeout: UInt64
  public let fault: FaultPolicy?
  public let rateLimit: LocalRateLimitConfig?

  init(
    name: String, index: Int, matcher: RouteMatcher, priority: Int,
    targets: [(cluster: Cluster, weight: Int)],
    retryPolicy: RetryPolicy, timeout: TimeoutConfig?, fault: FaultPolicy?,
    rateLimit: LocalRateLimitConfig?
  ) {
    self.name = name
    self.index = index
    self.matcher = matcher
    self.priority = priority
    self.targets = targets
    var running: UInt64 = 0
    cumulativeWeights = targets.map { target in
      running += UInt64(max(0, target.weight))
      return running
    }
    totalWeight = running
    self.retryPolicy = retryPolicy
    self.timeout = timeout?.perRequest?.nanoseconds ?? Self.defaultTimeout
    self.idleTimeout = timeout?.idle?.nanoseconds ?? Self.defaultIdleTimeout
    self.fault = fault
    self.rateLimit = rateLimit
  }

  /// The route timeout and per-try timeout for one request, in nanoseconds (0 or `nil`: none):
  /// the route's own, unless the request carries Envoy's `x-envoy-upstream-rq-timeout-ms` or
  /// `x-envoy-upstream-rq-per-try-timeout-ms` (whole milliseconds; 0 disables, as in Envoy).
  public func timeouts(for headers: HTTPHeaders) -> (route: UInt64, perTry: UInt64?) {
    var route = timeout
    var perTry = retryPolicy.perTryTimeout
    if let millis = Self.milliseconds(headers["x-envoy-upstream-rq-timeout-ms"]) {
      route = millis * 1_000_000
    }
    if let millis = Self.milliseconds(headers["x-envoy-upstream-rq-per-try-timeout-ms"]) {
      perTry = millis > 0 ? millis * 1_000_000 : nil
    }
    return (route, perTry)
  }

  /// A header's whole milliseconds, at most one day.
  private static func milliseconds(_ value: String?) -> UInt64? {
    guard let value, let millis = UInt64(value.trimmingASCIISpaces()), millis <= 86_400_000 else {
      return nil
    }
    return millis
  }

  /// Whether `head` takes this route.
  public func matches(_ head: HTTPRequestHead) -> Bool { matcher.matches(head) }

  /// The cluster for one request, in exact proportion to the weights: `random` (uniform over
  /// all 64-bit values) is scaled onto the total weight, and a weight-0 target is never picked.
  public func pickTarget(_ random: UInt64) -> Cluster {
    let point = random.multipliedFullWidth(by: totalWeight).high
    for (position, bound) in cumulativeWeights.enumerated() where point < bound {
      return targets[position].cluster
    }
    return targets[targets.count - 1].cluster
  }
}

import Wire

/// A named group of upstream hosts as one loop sees it (Envoy's cluster), picked round robin
/// among those its outlier detector has not ejected.
final class UpstreamCluster {
  let name: String
  let hosts: [UpstreamHost]
  /// Envoy's `cluster.<name>.*` stats, in this loop's shard.
  let stats: ClusterStats
  /// Envoy's circuit breakers for this cluster, as this loop counts them.
  var breaker: CircuitBreaker
  /// Requests waiting for a connection (the connection limit is reached), oldest first.
  var pending: [DownstreamConnection] = []
  /// Envoy's outlier detection (consecutive 5xx), when the target node configures it.
  var outlier: OutlierDetector?
  /// Envoy's active health checking, when the node configures a health check; hosts are out
  /// of rotation until their first check passes.
  let healthCheck: HealthCheckConfig?
  var health: HealthCheckTracker?
  var nextHealthCheck: UInt64 = 0
  private var next = 0

  init(
    name: String, addresses: [SocketAddress], limits: CircuitBreakerLimits,
    outlierDetection: OutlierDetectionSettings?, healthCheck: HealthCheckConfig?, now: UInt64,
    stats: ClusterStats
  ) {
    self.name = name
    self.stats = stats
    breaker = CircuitBreaker(limits: limits)
    hosts = addresses.enumerated().map {
      UpstreamHost(address: $0.element, index: $0.offset, cluster: stats)
    }
    outlier = outlierDetection.map {
      OutlierDetector(settings: $0, hostCount: addresses.count, now: now)
    }
    self.healthCheck = healthCheck
    health = healthCheck.map { HealthCheckTracker($0, hostCount: addresses.count) }
    nextHealthCheck = now
    publishMembership()
  }

  /// The next host in turn that is not ejected, or `nil` when there is none (503 `UH`).
  func pickHost() -> UpstreamHost? {
    for _ in 0..<hosts.count {
      next = next + 1 == hosts.count ? 0 : next + 1
      if outlier?.isEjected(next) != true, health?.isHealthy(next) ?? true { return hosts[next] }
    }
    return nil
  }

  /// Feeds a try's outcome to the outlier detector (`status` nil: no response, which Envoy
  /// counts as a 5xx) and publishes the ejection gauges.
  func recordOutcome(host: UpstreamHost, status: Int?, now: UInt64) {
    guard var detector = outlier else { return }
    let before = detector.ejectionsEnforcedTotal
    if let status {
      _ = detector.record(host: host.index, status: status, now: now)
    } else {
      _ = detector.recordFailure(host: host.index, now: now)
    }
    outlier = detector
    if detector.ejectionsEnforcedTotal > before { stats.count(.ejectionsEnforcedTotal) }
    publishMembership()
  }

  /// Runs the detector's interval tick when due (hosts whose ejection ended come back).
  /// - Returns: when the next tick is due, or `nil` without outlier detection.
  func tickOutlierDetection(now: UInt64) -> UInt64? {
    guard var detector = outlier else { return nil }
    if now >= detector.nextTick {
      detector.tick(now: now)
      outlier = detector
      publishMembership()
    }
    return detector.nextTick
  }

  /// `outlier_detection.ejections_active` and `membership_healthy` (hosts neither ejected nor
  /// failing their health check).
  func publishMembership() {
    stats.set(.ejectionsActive, outlier?.ejectedCount ?? 0)
    let available = hosts.indices.filter {
      outlier?.isEjected($0) != true && health?.isHealthy($0) ?? true
    }
    stats.set(.membershipHealthy, available.count)
  }
}

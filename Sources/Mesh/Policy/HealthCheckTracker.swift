/// Active health of one cluster's hosts from periodic checks (Envoy active health checking,
/// configured by App Mesh's `healthCheck`): `unhealthyThreshold` failed checks in a row take a
/// healthy host out, `healthyThreshold` passed checks in a row bring it back. A host starts
/// unchecked and out of rotation (Envoy's `/failed_active_hc` while pending); until it has been
/// healthy once, its first passed check brings it in at once (Envoy's startup rule), so the
/// proxy serves as soon as the app answers.
///
/// A value type owned by one event loop; the loop runs the checks and reports their results.
public struct HealthCheckTracker: Sendable {
  private struct HostState: Sendable {
    var healthy = false
    var checked = false
    var everHealthy = false
    var streak = 0
  }

  public let healthyThreshold: Int
  public let unhealthyThreshold: Int
  /// Nanoseconds between checks of a host, and how long one check may take.
  public let interval: UInt64
  public let timeout: UInt64
  private var hosts: [HostState]

  public init(_ config: HealthCheckConfig, hostCount: Int) {
    healthyThreshold = max(1, config.healthyThreshold)
    unhealthyThreshold = max(1, config.unhealthyThreshold)
    interval = MeshDuration.milliseconds(config.intervalMillis).nanoseconds
    timeout = MeshDuration.milliseconds(config.timeoutMillis).nanoseconds
    hosts = Array(repeating: HostState(), count: hostCount)
  }

  /// Envoy's default `expected_statuses`: only 200 passes an HTTP check.
  public static func passes(status: Int) -> Bool { status == 200 }

  public func isHealthy(_ host: Int) -> Bool { hosts.indices.contains(host) && hosts[host].healthy }

  /// Whether every host has had at least one check (the cluster is warm).
  public var allChecked: Bool { hosts.allSatisfy(\.checked) }

  /// The number of hosts in rotation (Envoy `membership_healthy`).
  public var healthyCount: Int { hosts.reduce(0) { $0 + ($1.healthy ? 1 : 0) } }

  /// Records one check of `host` (a timeout or connection failure is a failed check); returns
  /// whether the host's health changed.
  @discardableResult
  public mutating func record(host: Int, passed: Bool) -> Bool {
    guard hosts.indices.contains(host) else { return false }
    var state = hosts[host]
    defer { hosts[host] = state }
    let wasHealthy = state.healthy
    // Envoy: "during startup, only a single successful health check is required to mark a
    // host healthy" — a host that was never healthy comes in with its first pass.
    if !state.checked || (passed && !state.everHealthy) {
      state.checked = true
      state.healthy = passed
      state.everHealthy = passed
      state.streak = 0
      return state.healthy != wasHealthy
    }
    // The streak counts checks that disagree with the current state.
    if passed == state.healthy {
      state.streak = 0
      return false
    }
    state.streak += 1
    if state.streak >= (state.healthy ? unhealthyThreshold : healthyThreshold) {
      state.healthy.toggle()
      state.streak = 0
    }
    return state.healthy != wasHealthy
  }
}

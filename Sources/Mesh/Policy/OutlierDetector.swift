/// Passive health of one cluster's hosts (Envoy outlier detection, consecutive 5xx): a host
/// whose last `consecutiveServerErrors` tries all failed with a 5xx or no response is ejected
/// at once — unless that would eject more than `maxEjectionPercent` of the hosts (one host may
/// always be ejected while none is, FORMATS.md). An ejected host returns at the first interval
/// tick after `baseEjectionTime × times ejected` (capped at `maxEjectionTime`); a host that stays
/// in through a whole interval has its ejection count lowered by one, as Envoy does.
///
/// A value type owned by one event loop; time is passed in (monotonic nanoseconds).
public struct OutlierDetector: Sendable {
  private struct HostState: Sendable {
    var consecutiveErrors = 0
    var ejectedAt: UInt64?
    var timesEjected = 0
    /// Whether the host was ejected at some point since the last interval tick.
    var ejectedThisInterval = false
  }

  public let settings: OutlierDetectionSettings
  private var hosts: [HostState]
  /// Hosts ejected now (Envoy `outlier_detection.ejections_active`).
  public private(set) var ejectedCount = 0
  /// Ejections made (`ejections_enforced_total`) and ejections refused by the percentage
  /// (`ejections_overflow`).
  public private(set) var ejectionsEnforcedTotal: UInt64 = 0
  public private(set) var ejectionsOverflow: UInt64 = 0
  /// When `tick` should next run.
  public private(set) var nextTick: UInt64

  public init(settings: OutlierDetectionSettings = .envoyDefault, hostCount: Int, now: UInt64) {
    self.settings = settings
    hosts = Array(repeating: HostState(), count: hostCount)
    nextTick = now &+ settings.interval
  }

  public var hostCount: Int { hosts.count }

  public func isEjected(_ host: Int) -> Bool {
    hosts.indices.contains(host) && hosts[host].ejectedAt != nil
  }

  /// Records a response from `host`; a 5xx counts toward ejection, anything else resets the count.
  /// Returns whether this response ejected the host.
  @discardableResult
  public mutating func record(host: Int, status: Int, now: UInt64) -> Bool {
    guard hosts.indices.contains(host) else { return false }
    guard status >= 500, status <= 599 else {
      hosts[host].consecutiveErrors = 0
      return false
    }
    return countError(host: host, now: now)
  }

  /// Records a try to `host` that got no response (connect failure, reset, timeout): Envoy
  /// counts it as a 5xx. Returns whether this ejected the host.
  @discardableResult
  public mutating func recordFailure(host: Int, now: UInt64) -> Bool {
    guard hosts.indices.contains(host) else { return false }
    return countError(host: host, now: now)
  }

  private mutating func countError(host: Int, now: UInt64) -> Bool {
    hosts[host].consecutiveErrors += 1
    guard hosts[host].consecutiveErrors >= settings.consecutiveServerErrors,
      hosts[host].ejectedAt == nil
    else {
      return false
    }
    hosts[host].consecutiveErrors = 0
    guard mayEjectOneMore else {
      ejectionsOverflow &+= 1
      return false
    }
    hosts[host].ejectedAt = now
    hosts[host].timesEjected += 1
    hosts[host].ejectedThisInterval = true
    ejectedCount += 1
    ejectionsEnforcedTotal &+= 1
    return true
  }

  /// Envoy: eject when (ejected + 1) / hosts stays within the percentage, or when none is
  /// ejected yet (a percentage of 0 turns ejection off).
  private var mayEjectOneMore: Bool {
    guard settings.maxEjectionPercent > 0 else { return false }
    return ejectedCount == 0
      || (ejectedCount + 1) * 100 <= settings.maxEjectionPercent * hosts.count
  }

  /// The interval timer: returns hosts whose ejection time is over, lowers the ejection count
  /// of hosts that stayed in, and schedules the next tick. Call it when `now >= nextTick`.
  public mutating func tick(now: UInt64) {
    guard now >= nextTick else { return }
    for index in hosts.indices {
      if let ejectedAt = hosts[index].ejectedAt {
        let time = ejectionTime(timesEjected: hosts[index].timesEjected)
        if now &- ejectedAt >= time {
          hosts[index].ejectedAt = nil
          hosts[index].consecutiveErrors = 0
          ejectedCount -= 1
        }
      } else if !hosts[index].ejectedThisInterval, hosts[index].timesEjected > 0 {
        hosts[index].timesEjected -= 1
      }
      hosts[index].ejectedThisInterval = false
    }
    nextTick = now &+ settings.interval
  }

  /// `baseEjectionTime × timesEjected`, capped at `maxEjectionTime`.
  func ejectionTime(timesEjected: Int) -> UInt64 {
    let (product, overflow) = settings.baseEjectionTime.multipliedReportingOverflow(
      by: UInt64(max(1, timesEjected)))
    return overflow ? settings.maxEjectionTime : min(product, settings.maxEjectionTime)
  }
}

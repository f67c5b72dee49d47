import Synchronization

/// One cluster's stats in one shard: Envoy's `cluster.<name>.*` counters and gauges, a counter per
/// response code (`upstream_rq_503`; the `upstream_rq_5xx` classes are summed from them when
/// read), the `upstream_rq_time` histogram, and per-host stats. Updates are relaxed atomic adds.
public final class ClusterStats: Sendable {
  public let name: String
  private let counters = ClusterCounter.allCases.map { _ in StatCell() }
  private let gauges = ClusterGauge.allCases.map { _ in StatCell() }
  /// `upstream_rq_<code>` for codes 100...599.
  private let codes = (100...599).map { _ in StatCell() }
  /// `upstream_rq_time`, milliseconds.
  public let upstreamRequestTime = StatHistogram()
  private let hosts = Mutex<[HostStats]>([])

  init(name: String) { self.name = name }

  public func count(_ counter: ClusterCounter, _ amount: UInt64 = 1) {
    counters[counter.rawValue].add(amount)
  }
  public func increment(_ gauge: ClusterGauge) { gauges[gauge.rawValue].add() }
  public func decrement(_ gauge: ClusterGauge) { gauges[gauge.rawValue].subtract() }
  public func set(_ gauge: ClusterGauge, _ value: Int) {
    gauges[gauge.rawValue].store(UInt64(bitPattern: Int64(value)))
  }

  /// Counts a response from upstream by its status code (`upstream_rq_<code>` and so `<N>xx`).
  public func countResponse(status: Int) {
    guard status >= 100, status <= 599 else { return }
    codes[status - 100].add()
  }

  /// The stats of host `address` (`host:port`), made on first use; call it when a
  /// configuration is loaded and keep the result, not per request.
  public func host(_ address: String) -> HostStats {
    hosts.withLock { hosts in
      if let known = hosts.first(where: { $0.address == address }) { return known }
      let made = HostStats(address: address)
      hosts.append(made)
      return made
    }
  }

  public func value(_ counter: ClusterCounter) -> UInt64 { counters[counter.rawValue].value }
  public func value(_ gauge: ClusterGauge) -> Int64 { gauges[gauge.rawValue].signedValue }
  public func responses(status: Int) -> UInt64 {
    (100...599).contains(status) ? codes[status - 100].value : 0
  }
  var hostList: [HostStats] { hosts.withLock { $0 } }
}

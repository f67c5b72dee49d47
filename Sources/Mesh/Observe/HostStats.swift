/// One upstream host's stats, as Envoy's `/clusters` lists them (`cluster::host::stat::value`).
public final class HostStats: Sendable {
  public enum Counter: Int, Sendable, CaseIterable {
    case connectionsTotal, connectFailures, requestsTotal, requestSuccesses, requestErrors,
      requestTimeouts

    public var name: String {
      switch self {
      case .connectionsTotal: "cx_total"
      case .connectFailures: "cx_connect_fail"
      case .requestsTotal: "rq_total"
      case .requestSuccesses: "rq_success"
      case .requestErrors: "rq_error"
      case .requestTimeouts: "rq_timeout"
      }
    }
  }

  public enum Gauge: Int, Sendable, CaseIterable {
    case connectionsActive, requestsActive

    public var name: String {
      switch self {
      case .connectionsActive: "cx_active"
      case .requestsActive: "rq_active"
      }
    }
  }

  /// `host:port`.
  public let address: String
  private let counters = Counter.allCases.map { _ in StatCell() }
  private let gauges = Gauge.allCases.map { _ in StatCell() }
  private let healthFlags = StatCell()

  init(address: String) { self.address = address }

  public func count(_ counter: Counter, _ amount: UInt64 = 1) {
    counters[counter.rawValue].add(amount)
  }
  public func increment(_ gauge: Gauge) { gauges[gauge.rawValue].add() }
  public func decrement(_ gauge: Gauge) { gauges[gauge.rawValue].subtract() }

  /// Replaces the host's health flags (set by the health checker and the outlier detector).
  public func setHealth(_ flags: HostHealthFlags) { healthFlags.store(flags.rawValue) }

  public func value(_ counter: Counter) -> UInt64 { counters[counter.rawValue].value }
  public func value(_ gauge: Gauge) -> Int64 { gauges[gauge.rawValue].signedValue }
  public var health: HostHealthFlags { HostHealthFlags(rawValue: healthFlags.value) }
}

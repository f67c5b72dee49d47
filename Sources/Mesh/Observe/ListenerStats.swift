/// One HTTP connection manager's stats in one shard: `http.<prefix>.*` counters and gauges,
/// `downstream_rq_<N>xx` per status class, and the `downstream_rq_time` histogram.
public final class ListenerStats: Sendable {
  public let prefix: String
  private let counters = ListenerCounter.allCases.map { _ in StatCell() }
  private let gauges = ListenerGauge.allCases.map { _ in StatCell() }
  /// `downstream_rq_1xx` ... `downstream_rq_5xx`.
  private let classes = (1...5).map { _ in StatCell() }
  /// `downstream_rq_time`, milliseconds.
  public let downstreamRequestTime = StatHistogram()

  init(prefix: String) { self.prefix = prefix }

  public func count(_ counter: ListenerCounter, _ amount: UInt64 = 1) {
    counters[counter.rawValue].add(amount)
  }
  public func increment(_ gauge: ListenerGauge) { gauges[gauge.rawValue].add() }
  public func decrement(_ gauge: ListenerGauge) { gauges[gauge.rawValue].subtract() }

  /// Counts a response sent downstream by its status class.
  public func countResponse(status: Int) {
    guard status >= 100, status <= 599 else { return }
    classes[status / 100 - 1].add()
  }

  public func value(_ counter: ListenerCounter) -> UInt64 { counters[counter.rawValue].value }
  public func value(_ gauge: ListenerGauge) -> Int64 { gauges[gauge.rawValue].signedValue }
  /// `downstream_rq_<statusClass>xx`.
  public func responses(statusClass: Int) -> UInt64 {
    (1...5).contains(statusClass) ? classes[statusClass - 1].value : 0
  }
}

/// How a series aggregates its samples within a bucket; fixed when the series is created.
public enum MetricKind: String, Sendable {
  /// Summed (StatsD `c`, Prometheus counter deltas).
  case counter
  /// Last value wins, with min/max/average kept (StatsD `g`, process CPU and memory).
  case gauge
  /// Distinct members (StatsD `s`).
  case set
  /// Log-scaled histogram (StatsD `ms`, `h`, `d`).
  case histogram
}

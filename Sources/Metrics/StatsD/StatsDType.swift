/// The metric types of the StatsD line protocol (etsy/statsd `docs/metric_types.md`, plus
/// DogStatsD's `h` and `d`).
public enum StatsDType: String, Sendable, Equatable {
  case counter = "c"
  case gauge = "g"
  case timer = "ms"
  case histogram = "h"
  case distribution = "d"
  case set = "s"

  /// How the store aggregates this type.
  public var kind: MetricKind {
    switch self {
    case .counter: .counter
    case .gauge: .gauge
    case .set: .set
    case .timer, .histogram, .distribution: .histogram
    }
  }
}

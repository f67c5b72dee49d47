/// A statistic read from a merged bucket, as the query API and checks name them.
public enum Statistic: String, Sendable, CaseIterable {
  /// Per second: a counter's sum, a histogram's count or a set's distinct count over the window.
  case rate
  case sum
  case avg
  case min
  case max
  /// How many samples (CloudWatch's SampleCount).
  case count
  case p50
  case p90
  case p99

  /// The quantile a percentile statistic reads, or nil.
  public var quantile: Double? {
    switch self {
    case .p50: 0.5
    case .p90: 0.9
    case .p99: 0.99
    default: nil
    }
  }
}

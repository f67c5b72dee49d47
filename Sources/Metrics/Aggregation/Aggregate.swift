/// What one bucket of one series holds: the samples of its kind folded together. Buckets of
/// the same series merge exactly (sums add, histograms add bin counts, sets unite), which is
/// how seconds become minutes and how a query's window is summed.
public enum Aggregate: Sendable, Equatable {
  case counter(Double)
  case gauge(GaugeSummary)
  /// Distinct member hashes, at most ``maxSetMembers`` per bucket.
  case set(Set<UInt64>)
  case histogram(LogHistogram)

  /// Members a set bucket tracks; more distinct members in one bucket are not counted.
  public static let maxSetMembers = 10_000

  /// A bucket holding one sample of `kind`; nil when the sample does not fit the kind.
  init?(kind: MetricKind, _ sample: MetricSample) {
    switch (kind, sample) {
    case (.counter, .counter(let value)): self = .counter(value)
    case (.gauge, .gauge(let value)): self = .gauge(GaugeSummary(value))
    case (.set, .member(let hash)): self = .set([hash])
    case (.histogram, .observation(let value, let count)):
      var histogram = LogHistogram()
      histogram.add(value, count: count)
      self = .histogram(histogram)
    default: return nil
    }
  }

  /// Folds `sample` in; a sample of another kind is ignored (the store checks kinds first).
  /// Each case moves its payload out before changing it, so arrays are not copied.
  mutating func add(_ sample: MetricSample) {
    switch sample {
    case .counter(let value):
      guard case .counter(let sum) = self else { return }
      self = .counter(sum + value)
    case .gauge(let value):
      guard case .gauge(var summary) = self else { return }
      self = .counter(0)
      summary.add(value)
      self = .gauge(summary)
    case .member(let hash):
      guard case .set(var members) = self else { return }
      self = .counter(0)
      if members.count < Self.maxSetMembers { members.insert(hash) }
      self = .set(members)
    case .observation(let value, let count):
      guard case .histogram(var histogram) = self else { return }
      self = .counter(0)
      histogram.add(value, count: count)
      self = .histogram(histogram)
    }
  }

  /// Merges a bucket of the same series that comes later in time.
  public mutating func merge(later: Aggregate) {
    switch later {
    case .counter(let other):
      guard case .counter(let sum) = self else { return }
      self = .counter(sum + other)
    case .gauge(let other):
      guard case .gauge(var summary) = self else { return }
      self = .counter(0)
      summary.merge(later: other)
      self = .gauge(summary)
    case .set(let other):
      guard case .set(var members) = self else { return }
      self = .counter(0)
      for hash in other where members.count < Self.maxSetMembers { members.insert(hash) }
      self = .set(members)
    case .histogram(let other):
      guard case .histogram(var histogram) = self else { return }
      self = .counter(0)
      histogram.merge(other)
      self = .histogram(histogram)
    }
  }

  public var kind: MetricKind {
    switch self {
    case .counter: .counter
    case .gauge: .gauge
    case .set: .set
    case .histogram: .histogram
    }
  }

  /// `statistic` of this bucket, which covers `seconds` of time (for rates); nil when the
  /// statistic means nothing for the kind (a percentile of a counter).
  public func statistic(_ statistic: Statistic, seconds: Double) -> Double? {
    switch self {
    case .set(let members):
      let distinct = Double(members.count)
      return statistic == .rate ? distinct / seconds : statistic.quantile == nil ? distinct : nil
    case .histogram(let histogram) where statistic.quantile != nil:
      return histogram.quantile(statistic.quantile!)
    default:
      return BucketTotals(self).statistic(statistic, kind: kind, seconds: seconds)
    }
  }
}

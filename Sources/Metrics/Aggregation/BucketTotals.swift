/// A bucket's count, sum, extremes and last value as plain numbers, kept beside each bucket
/// so that every statistic but percentiles and distinct counts is read without touching a
/// histogram's bins (a day-long query reads hundreds of thousands of buckets); and, once a
/// histogram bucket no longer fills (``seal(_:)``), its p50, p90 and p99.
struct BucketTotals: Sendable, Equatable {
  var count = 0.0
  var sum = 0.0
  var min = Double.infinity
  var max = -Double.infinity
  var last = 0.0
  /// p50, p90, p99 of a sealed histogram bucket.
  private(set) var percentiles: SIMD3<Double>?

  init() {}

  /// The totals of a whole bucket (a set's count is its distinct members).
  init(_ bucket: Aggregate) {
    switch bucket {
    case .counter(let value):
      add(.counter(value))
    case .gauge(let summary):
      count = Double(summary.count)
      sum = summary.sum
      min = summary.min
      max = summary.max
      last = summary.last
    case .set(let members):
      count = Double(members.count)
    case .histogram(let histogram):
      count = Double(histogram.count)
      sum = histogram.sum
      min = histogram.min
      max = histogram.max
    }
  }

  /// Reads the percentiles of a histogram bucket that is no longer the newest of its series
  /// (a late sample rebuilds its totals and seals them again).
  mutating func seal(_ bucket: Aggregate) {
    guard case .histogram(let histogram) = bucket, let p50 = histogram.quantile(0.5),
      let p90 = histogram.quantile(0.9), let p99 = histogram.quantile(0.99)
    else { return }
    percentiles = SIMD3(p50, p90, p99)
  }

  /// A sealed bucket's p50, p90 or p99; nil otherwise.
  func percentile(_ statistic: Statistic) -> Double? {
    guard let percentiles else { return nil }
    switch statistic {
    case .p50: return percentiles[0]
    case .p90: return percentiles[1]
    case .p99: return percentiles[2]
    default: return nil
    }
  }

  /// Folds one sample in, as ``Aggregate/add(_:)`` does (set members are not counted here).
  mutating func add(_ sample: MetricSample) {
    switch sample {
    case .counter(let value):
      sum += value
    case .gauge(let value):
      observe(value, count: 1)
      last = value
    case .member:
      break
    case .observation(let value, let weight):
      guard value.isFinite, weight > 0 else { return }
      observe(value, count: weight)
    }
  }

  private mutating func observe(_ value: Double, count weight: UInt64) {
    count += Double(weight)
    sum += value * Double(weight)
    min = Swift.min(min, value)
    max = Swift.max(max, value)
  }

  /// Combines with the totals of a later bucket of the same series.
  mutating func merge(later: BucketTotals) {
    count += later.count
    sum += later.sum
    min = Swift.min(min, later.min)
    max = Swift.max(max, later.max)
    if later.count > 0 { last = later.last }
  }

  /// Every statistic of a counter, a gauge or a histogram except the percentiles; nil for
  /// those, for sets and for what means nothing for the kind.
  func statistic(_ statistic: Statistic, kind: MetricKind, seconds: Double) -> Double? {
    switch (kind, statistic) {
    case (.counter, .rate): sum / seconds
    case (.counter, .sum): sum
    case (.gauge, .sum), (.histogram, .sum): sum
    case (.gauge, .avg), (.histogram, .avg): count > 0 ? sum / count : nil
    case (.gauge, .min), (.histogram, .min): count > 0 ? min : nil
    case (.gauge, .max), (.histogram, .max): count > 0 ? max : nil
    case (.gauge, .count), (.histogram, .count): count
    case (.histogram, .rate): count / seconds
    default: nil
    }
  }
}

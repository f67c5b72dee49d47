import Glibc

/// A mergeable histogram with log-scaled bins of relative width γ = 1.02, after DDSketch
/// (Masson, Rim, Lee, "DDSketch: a fast and fully-mergeable quantile sketch with
/// relative-error guarantees", VLDB 2019): bin `i` holds the values in (γ^(i-1), γ^i] and
/// reports 2γ^i/(γ+1), which is within (γ-1)/(γ+1) ≈ 0.99 % of every value in the bin. Merging
/// adds bin counts, so a quantile of merged histograms keeps that bound. Negative values use a
/// mirrored set of bins; values closer to zero than `minimumMagnitude` count as zero.
public struct LogHistogram: Sendable, Equatable {
  public static let gamma = 1.02
  /// The bound on the relative error of any quantile: (γ-1)/(γ+1).
  public static let relativeAccuracy = (gamma - 1) / (gamma + 1)
  public static let minimumMagnitude = 1e-9
  private static let logGamma = log(gamma)

  private(set) var positive = LogBins()
  private(set) var negative = LogBins()
  private(set) var zeroCount: UInt64 = 0
  public private(set) var count: UInt64 = 0
  public private(set) var sum = 0.0
  public private(set) var min = Double.infinity
  public private(set) var max = -Double.infinity

  public init() {}

  /// A histogram rebuilt from its parts (``BucketCoder``).
  init(
    positive: LogBins, negative: LogBins, zeroCount: UInt64, count: UInt64, sum: Double,
    min: Double, max: Double
  ) {
    self.positive = positive
    self.negative = negative
    self.zeroCount = zeroCount
    self.count = count
    self.sum = sum
    self.min = min
    self.max = max
  }

  /// Adds `value` `count` times (a sampled timer counts 1/rate times). Non-finite values are
  /// ignored.
  public mutating func add(_ value: Double, count: UInt64 = 1) {
    guard value.isFinite, count > 0 else { return }
    self.count &+= count
    sum += value * Double(count)
    min = Swift.min(min, value)
    max = Swift.max(max, value)
    let magnitude = abs(value)
    if magnitude < Self.minimumMagnitude {
      zeroCount &+= count
    } else if value > 0 {
      positive.add(Self.index(magnitude), count: count)
    } else {
      negative.add(Self.index(magnitude), count: count)
    }
  }

  /// Adds every sample of `other`: the result is the histogram of both sample sets.
  public mutating func merge(_ other: LogHistogram) {
    guard other.count > 0 else { return }
    positive.merge(other.positive)
    negative.merge(other.negative)
    zeroCount &+= other.zeroCount
    mergeTotals(other)
  }

  /// Adds `other`'s count, sum, min and max but not its bins: enough for every statistic
  /// but the percentiles.
  mutating func mergeTotals(_ other: LogHistogram) {
    guard other.count > 0 else { return }
    count &+= other.count
    sum += other.sum
    min = Swift.min(min, other.min)
    max = Swift.max(max, other.max)
  }

  public var average: Double? { count > 0 ? sum / Double(count) : nil }

  /// The value of rank ⌊q·(count-1)⌋ (0-based, ascending), within ``relativeAccuracy`` of the
  /// exact sample at that rank and clamped to [min, max] (the first and last ranks are
  /// exactly min and max); nil when empty or q is outside 0…1.
  public func quantile(_ q: Double) -> Double? {
    QuantileRank.quantile(
      q, count: count, min: min, max: max, negative: negative, zeroCount: zeroCount,
      positive: positive)
  }

  /// The quantile of the union of `histograms` (``HistogramMerger``).
  public static func quantile(_ q: Double, merging histograms: some Sequence<LogHistogram>)
    -> Double?
  {
    var merger = HistogramMerger()
    for histogram in histograms { merger.add(histogram) }
    return merger.quantile(q)
  }

  /// Counts at or below `bound`, for the cumulative `le` buckets of the Prometheus
  /// exposition. The bin holding `bound` counts whole, so a sample equal to `bound` is always
  /// in (as `le` is inclusive) and samples up to one bin width (2 %) above it may be too.
  public func count(atOrBelow bound: Double) -> UInt64 {
    guard bound.isFinite else { return bound > 0 ? count : 0 }
    var total: UInt64 = 0
    if bound <= -Self.minimumMagnitude {
      let limit = Self.index(-bound)
      for position in negative.indices.indices where negative.indices[position] >= limit {
        total &+= negative.counts[position]
      }
      return total
    }
    total = negative.counts.reduce(0, &+) &+ zeroCount
    if bound >= Self.minimumMagnitude {
      let limit = Self.index(bound)
      for position in positive.indices.indices where positive.indices[position] <= limit {
        total &+= positive.counts[position]
      }
    }
    return total
  }

  @inline(__always)
  static func index(_ magnitude: Double) -> Int32 {
    Int32((log(magnitude) / logGamma).rounded(.up))
  }

  static func value(of index: Int32) -> Double {
    2 * pow(gamma, Double(index)) / (gamma + 1)
  }
}

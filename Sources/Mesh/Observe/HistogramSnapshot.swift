/// A histogram's bucket counts and sums at one moment (per bucket, not cumulative; the last
/// bucket is +Inf). Snapshots of several shards add up.
public struct HistogramSnapshot: Sendable, Equatable {
  public var counts: [UInt64]
  public var sums: [UInt64]

  public init(counts: [UInt64], sums: [UInt64]) {
    self.counts = counts
    self.sums = sums
  }

  static var empty: HistogramSnapshot {
    let buckets = StatHistogram.halfMillisecondBounds.count + 1
    return HistogramSnapshot(
      counts: Array(repeating: 0, count: buckets), sums: Array(repeating: 0, count: buckets))
  }

  public var count: UInt64 { counts.reduce(0, &+) }
  public var sum: UInt64 { sums.reduce(0, &+) }

  static func + (a: HistogramSnapshot, b: HistogramSnapshot) -> HistogramSnapshot {
    HistogramSnapshot(counts: zip(a.counts, b.counts).map(&+), sums: zip(a.sums, b.sums).map(&+))
  }

  static func - (a: HistogramSnapshot, b: HistogramSnapshot) -> HistogramSnapshot {
    HistogramSnapshot(counts: zip(a.counts, b.counts).map(&-), sums: zip(a.sums, b.sums).map(&-))
  }

  /// The value below which a fraction `q` (0...1) of the samples fall, interpolated linearly
  /// within the bucket that holds it (as Envoy's histogram summaries do); `nil` with no samples.
  public func quantile(_ q: Double) -> Double? {
    let total = count
    guard total > 0 else { return nil }
    let bounds = StatHistogram.bounds
    let rank = q * Double(total)
    var below: UInt64 = 0
    for (index, bucketCount) in counts.enumerated() where bucketCount > 0 {
      let lower = index == 0 ? 0 : bounds[index - 1]
      // The +Inf bucket has no upper bound: its mean is the best estimate there is.
      let upper = index < bounds.count ? bounds[index] : Double(sums[index]) / Double(bucketCount)
      if Double(below + bucketCount) >= rank {
        let within = (rank - Double(below)) / Double(bucketCount)
        return lower + (max(upper, lower) - lower) * min(max(within, 0), 1)
      }
      below += bucketCount
    }
    return bounds.last
  }
}

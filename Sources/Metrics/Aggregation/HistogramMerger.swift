/// Sums the bins of many histograms into dense arrays to read one quantile of their union:
/// the same answer as merging them and asking the result, without building merged sparse
/// bins. Reusable: ``reset()`` keeps the arrays' capacity for the next window of a query.
struct HistogramMerger {
  private var positive = DenseBins()
  private var negative = DenseBins()
  private var count: UInt64 = 0
  private var zeroCount: UInt64 = 0
  private var low = Double.infinity
  private var high = -Double.infinity

  mutating func reset() {
    positive.reset()
    negative.reset()
    count = 0
    zeroCount = 0
    low = .infinity
    high = -.infinity
  }

  mutating func add(_ histogram: LogHistogram) {
    guard histogram.count > 0 else { return }
    count &+= histogram.count
    zeroCount &+= histogram.zeroCount
    low = Swift.min(low, histogram.min)
    high = Swift.max(high, histogram.max)
    positive.add(histogram.positive)
    negative.add(histogram.negative)
  }

  func quantile(_ q: Double) -> Double? {
    guard let walk = QuantileRank(q, count: count, min: low, max: high) else { return nil }
    if let exact = walk.exact { return exact }
    return walk.fromTop
      ? -Self.walk(walk.mirrored, below: positive, zeroCount: zeroCount, above: negative)
      : Self.walk(walk, below: negative, zeroCount: zeroCount, above: positive)
  }

  /// As ``LogHistogram``'s walk, over dense bins.
  private static func walk(
    _ walk: QuantileRank, below: DenseBins, zeroCount: UInt64, above: DenseBins
  ) -> Double {
    var walk = walk
    var offset = below.counts.count
    while offset > 0 {
      offset -= 1
      if let found = walk.pass(
        below.counts[offset], value: -LogHistogram.value(of: below.index(at: offset)))
      {
        return found
      }
    }
    if let found = walk.pass(zeroCount, value: 0) { return found }
    for offset in above.counts.indices {
      if let found = walk.pass(
        above.counts[offset], value: LogHistogram.value(of: above.index(at: offset)))
      {
        return found
      }
    }
    return walk.end
  }
}

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
    QuantileRank.quantile(
      q, count: count, min: low, max: high, negative: negative, zeroCount: zeroCount,
      positive: positive)
  }
}

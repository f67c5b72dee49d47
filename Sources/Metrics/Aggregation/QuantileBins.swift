/// Bins in ascending index order, as a quantile walk reads them: ``LogBins`` (sparse) and
/// ``DenseBins`` (summed over many histograms).
protocol QuantileBins {
  /// How many bins there are.
  var binCount: Int { get }
  /// The count of the bin at `position` (0 ..< binCount).
  func count(at position: Int) -> UInt64
  /// The ``LogHistogram`` bin index of the bin at `position`.
  func index(at position: Int) -> Int32
}

extension QuantileRank {
  /// The quantile of samples binned as `negative` (magnitudes of the values under zero),
  /// `zeroCount` zeros and `positive`: walked from the nearer end (``fromTop``) to the rank.
  static func quantile(
    _ q: Double, count: UInt64, min: Double, max: Double, negative: some QuantileBins,
    zeroCount: UInt64, positive: some QuantileBins
  ) -> Double? {
    guard let walk = QuantileRank(q, count: count, min: min, max: max) else { return nil }
    if let exact = walk.exact { return exact }
    return walk.fromTop
      ? -walk.mirrored.answer(below: positive, zeroCount: zeroCount, above: negative)
      : walk.answer(below: negative, zeroCount: zeroCount, above: positive)
  }

  /// Walks `below` (the bins of values under zero, by descending index), the zeros, then
  /// `above` (by ascending index) to the rank.
  private func answer(below: some QuantileBins, zeroCount: UInt64, above: some QuantileBins)
    -> Double
  {
    var walk = self
    var position = below.binCount
    while position > 0 {
      position -= 1
      if let found = walk.pass(
        below.count(at: position), value: -LogHistogram.value(of: below.index(at: position)))
      {
        return found
      }
    }
    if let found = walk.pass(zeroCount, value: 0) { return found }
    for position in 0..<above.binCount {
      if let found = walk.pass(
        above.count(at: position), value: LogHistogram.value(of: above.index(at: position)))
      {
        return found
      }
    }
    return walk.end
  }
}

/// The walk to the bin holding rank ⌊q·(count-1)⌋, shared by ``LogHistogram`` and
/// ``HistogramMerger``: they pass their bins in ascending value order and the walk says
/// when the rank is reached, with the answer clamped to the samples' [min, max]. The first
/// and last ranks are exactly min and max. A rank in the upper half is reached sooner from
/// the top: ``mirrored`` is the same rank of the negated samples.
struct QuantileRank {
  private let rank: UInt64
  private let last: UInt64
  private let min: Double
  private let max: Double
  private var seen: UInt64 = 0

  init?(_ q: Double, count: UInt64, min: Double, max: Double) {
    guard count > 0, q >= 0, q <= 1 else { return nil }
    self.init(
      rank: UInt64((q * Double(count - 1)).rounded(.down)), last: count - 1, min: min, max: max)
  }

  private init(rank: UInt64, last: UInt64, min: Double, max: Double) {
    self.rank = rank
    self.last = last
    self.min = min
    self.max = max
  }

  /// min or max when the rank is the first or last one; nil when bins must be walked.
  var exact: Double? { rank == 0 ? min : rank == last ? max : nil }

  /// Whether fewer bins are passed walking down from the largest value.
  var fromTop: Bool { rank > last / 2 }

  /// The same sample counted from the other end, for the negated samples.
  var mirrored: QuantileRank { QuantileRank(rank: last - rank, last: last, min: -max, max: -min) }

  /// Passes a bin of `count` samples; the bin's clamped value once the rank is inside it.
  mutating func pass(_ count: UInt64, value: @autoclosure () -> Double) -> Double? {
    seen &+= count
    return seen > rank ? Swift.min(Swift.max(value(), min), max) : nil
  }

  /// The answer when every bin was passed (rounding left the rank beyond them).
  var end: Double { max }
}

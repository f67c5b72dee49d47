/// Bin counts summed over a contiguous index range, for reading a quantile of many
/// histograms at once (``LogHistogram/quantile(_:merging:)``). The range grows to cover
/// every index added; indices are bounded by the finite doubles (about -1,050…35,900).
struct DenseBins: QuantileBins {
  private var base: Int32 = 0
  /// Counts by offset from the lowest index added (zero where no bin had samples).
  private(set) var counts: [UInt64] = []

  /// Empties the bins, keeping the array's capacity.
  mutating func reset() {
    counts.removeAll(keepingCapacity: true)
    base = 0
  }

  mutating func add(_ bins: LogBins) {
    guard let first = bins.indices.first, let last = bins.indices.last else { return }
    if counts.isEmpty {
      base = first
      counts.append(contentsOf: repeatElement(0, count: Int(last - first) + 1))
    } else {
      if first < base {
        counts.insert(contentsOf: repeatElement(0, count: Int(base - first)), at: 0)
        base = first
      }
      let end = Int(last - base) + 1
      if end > counts.count {
        counts.append(contentsOf: repeatElement(0, count: end - counts.count))
      }
    }
    counts.withUnsafeMutableBufferPointer { dense in
      for (index, count) in zip(bins.indices, bins.counts) {
        dense[Int(index - base)] &+= count
      }
    }
  }

  var binCount: Int { counts.count }
  func count(at offset: Int) -> UInt64 { counts[offset] }
  /// The bin index of an offset into ``counts``.
  func index(at offset: Int) -> Int32 { base + Int32(offset) }
}

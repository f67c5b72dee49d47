/// Sparse bin counts of a ``LogHistogram``: bin indices kept sorted with their counts in two
/// parallel arrays, so a second's histogram costs a few bytes per distinct bin rather than a
/// dictionary, and two histograms merge in one linear pass.
struct LogBins: Sendable, Equatable, QuantileBins {
  private(set) var indices: [Int32] = []
  private(set) var counts: [UInt64] = []

  var isEmpty: Bool { indices.isEmpty }
  var binCount: Int { indices.count }
  func count(at position: Int) -> UInt64 { counts[position] }
  func index(at position: Int) -> Int32 { indices[position] }

  mutating func add(_ index: Int32, count: UInt64) {
    // Samples of one bucket are mostly close in value: look at the end first.
    if let last = indices.last, last == index {
      counts[counts.count - 1] &+= count
      return
    }
    var low = 0
    var high = indices.count
    while low < high {
      let middle = (low + high) / 2
      if indices[middle] < index { low = middle + 1 } else { high = middle }
    }
    if low < indices.count, indices[low] == index {
      counts[low] &+= count
    } else {
      indices.insert(index, at: low)
      counts.insert(count, at: low)
    }
  }

  mutating func merge(_ other: LogBins) {
    guard !other.isEmpty else { return }
    guard !isEmpty else {
      self = other
      return
    }
    var mergedIndices: [Int32] = []
    var mergedCounts: [UInt64] = []
    mergedIndices.reserveCapacity(indices.count + other.indices.count)
    mergedCounts.reserveCapacity(indices.count + other.indices.count)
    var left = 0
    var right = 0
    while left < indices.count || right < other.indices.count {
      if right == other.indices.count
        || (left < indices.count && indices[left] < other.indices[right])
      {
        mergedIndices.append(indices[left])
        mergedCounts.append(counts[left])
        left += 1
      } else if left == indices.count || other.indices[right] < indices[left] {
        mergedIndices.append(other.indices[right])
        mergedCounts.append(other.counts[right])
        right += 1
      } else {
        mergedIndices.append(indices[left])
        mergedCounts.append(counts[left] &+ other.counts[right])
        left += 1
        right += 1
      }
    }
    indices = mergedIndices
    counts = mergedCounts
  }
}

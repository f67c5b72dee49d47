/// One series' buckets of one width (1 s or 1 min), in time order, for a retention window.
/// Samples arrive almost always for the newest bucket, so recording looks at the end first;
/// a late sample for an older bucket still within retention is folded into its bucket.
/// Beside each bucket its ``BucketTotals`` are kept up to date, for queries.
struct BucketSeries: Sendable {
  /// The kind of every bucket.
  let kind: MetricKind
  /// Bucket width in seconds.
  let width: Int64
  /// How long buckets are kept, in seconds.
  let retention: Int64
  private(set) var times: [Int64] = []
  private(set) var values: [Aggregate] = []
  private(set) var totals: [BucketTotals] = []

  init(kind: MetricKind, width: Int64, retention: Int64) {
    self.kind = kind
    self.width = width
    self.retention = retention
  }

  /// The start of the bucket holding `second`.
  func bucketStart(_ second: Int64) -> Int64 {
    let remainder = second % width
    return second - (remainder < 0 ? remainder + width : remainder)
  }

  mutating func record(_ sample: MetricSample, at second: Int64) {
    let start = bucketStart(second)
    if let last = times.last, last == start {
      values[values.count - 1].add(sample)
      totals[totals.count - 1].add(sample)
      return
    }
    guard let bucket = Aggregate(kind: kind, sample) else { return }
    merge(bucket, at: start)
  }

  /// Merges a whole bucket (from the archive, or a late sample's new bucket). Every bucket
  /// but the newest has its totals sealed.
  mutating func merge(_ bucket: Aggregate, at second: Int64) {
    let start = bucketStart(second)
    let appends = times.last.map { $0 < start } ?? true
    let position = appends ? times.count : firstIndex(atOrAfter: start)
    if position < times.count, times[position] == start {
      values[position].merge(later: bucket)
      totals[position] = BucketTotals(values[position])
    } else {
      times.insert(start, at: position)
      values.insert(bucket, at: position)
      totals.insert(BucketTotals(bucket), at: position)
      if position > 0, position == times.count - 1 {
        totals[position - 1].seal(values[position - 1])
      }
    }
    if position < times.count - 1 { totals[position].seal(values[position]) }
  }

  /// Drops buckets that ended more than `retention` before `now`.
  mutating func expire(now: Int64) {
    let keep = firstIndex(atOrAfter: now - retention)
    guard keep > 0 else { return }
    times.removeFirst(keep)
    values.removeFirst(keep)
    totals.removeFirst(keep)
  }

  /// The position of the first bucket starting at or after `second`.
  func firstIndex(atOrAfter second: Int64) -> Int {
    var low = 0
    var high = times.count
    while low < high {
      let middle = (low + high) / 2
      if times[middle] < second { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The positions of the buckets starting in `window`.
  private func positions(in window: Range<Int64>) -> Range<Int> {
    let first = firstIndex(atOrAfter: window.lowerBound)
    var end = first
    while end < times.count, times[end] < window.upperBound { end += 1 }
    return first..<end
  }

  /// The buckets starting in `window`, merged; nil when there are none.
  func merged(in window: Range<Int64>) -> Aggregate? { merged(at: positions(in: window)) }

  /// The buckets at `range` merged; nil when it is empty.
  private func merged(at range: Range<Int>) -> Aggregate? {
    guard var result = range.first.map({ values[$0] }) else { return nil }
    for position in range.dropFirst() { result.merge(later: values[position]) }
    return result
  }

  /// `statistic` of the buckets starting in each window [t, t+step) for t = start,
  /// start+step, … < end (the last window cut at `end`), walking the buckets once; windows
  /// without buckets have no point.
  func points(_ statistic: Statistic, start: Int64, end: Int64, step: Int64)
    -> [QuerySeries.Point]
  {
    var merger = HistogramMerger()
    var points: [QuerySeries.Point] = []
    var position = firstIndex(atOrAfter: start)
    var time = start
    while time < end, position < times.count {
      if times[position] >= time + step {  // skip the empty windows before the next bucket
        time += (times[position] - time) / step * step
        continue
      }
      let windowEnd = min(time + step, end)
      var next = position
      while next < times.count, times[next] < windowEnd { next += 1 }
      if let value = self.statistic(
        statistic, of: position..<next, seconds: Double(windowEnd - time), merger: &merger)
      {
        points.append(QuerySeries.Point(time: time, value: value))
      }
      position = next
      time += step
    }
    return points
  }

  /// `statistic` of the buckets at `range` (not empty), taken together over `seconds`.
  /// Totals answer all but percentiles and distinct counts; percentiles of several buckets
  /// come from `merger` (reused across a query's windows).
  private func statistic(
    _ statistic: Statistic, of range: Range<Int>, seconds: Double, merger: inout HistogramMerger
  ) -> Double? {
    let first = range.lowerBound
    if kind != .set, statistic.quantile == nil {
      var sum = totals[first]
      for position in range.dropFirst() { sum.merge(later: totals[position]) }
      return sum.statistic(statistic, kind: kind, seconds: seconds)
    }
    if range.count == 1 {
      return totals[first].percentile(statistic)
        ?? values[first].statistic(statistic, seconds: seconds)
    }
    guard let q = statistic.quantile, kind == .histogram else {
      return merged(at: range)?.statistic(statistic, seconds: seconds)
    }
    merger.reset()
    values.withUnsafeBufferPointer { buckets in
      for position in range {
        if case .histogram(let histogram) = buckets[position] { merger.add(histogram) }
      }
    }
    return merger.quantile(q)
  }
}

/// The store's mutable state, owned by its `Mutex`: the series and the intake counts.
struct MetricStoreState: Sendable {
  var series: [SeriesKey: SeriesData] = [:]
  var stats = IntakeStats()
  let maxSeries: Int

  init(maxSeries: Int) {
    self.maxSeries = maxSeries
  }

  /// Folds one sample into its series, creating the series when there is room.
  /// - Parameter delta: a gauge change to apply to the series' last value instead of `sample`.
  mutating func record(
    _ key: SeriesKey, kind: MetricKind, _ sample: MetricSample, gaugeDelta delta: Double? = nil,
    at second: Int64
  ) {
    // One hash of the key per sample: find the slot once, then change it in place.
    var slot = series.index(forKey: key)
    if slot == nil {
      guard series.count < maxSeries else {
        stats.refusedSeries += 1
        return
      }
      series[key] = SeriesData(kind: kind)
      slot = series.index(forKey: key)
      stats.series = series.count
    }
    guard series.values[slot!].record(sample, kind: kind, gaugeDelta: delta, at: second) else {
      stats.malformed[.typeConflict, default: 0] += 1
      return
    }
    stats.accepted += 1
  }

  /// One parsed StatsD line, in the store's terms (sample rate applied).
  mutating func record(_ line: StatsDLine, at second: Int64) {
    let key = SeriesKey(name: line.name, labels: line.tags)
    switch line.type {
    case .counter:
      record(key, kind: .counter, .counter(line.value / line.sampleRate), at: second)
    case .gauge:
      record(
        key, kind: .gauge, .gauge(line.value), gaugeDelta: line.isDelta ? line.value : nil,
        at: second)
    case .set:
      record(key, kind: .set, .member(MetricSample.memberHash(line.member ?? "")), at: second)
    case .timer, .histogram, .distribution:
      let weight = UInt64(max(1, (1 / line.sampleRate).rounded()))
      record(key, kind: .histogram, .observation(line.value, count: weight), at: second)
    }
  }
}

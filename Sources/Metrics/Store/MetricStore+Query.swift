extension MetricStore {
  /// Answers `query`: for each matching series, the statistic of the buckets that start in
  /// each window [t, t+step), t = start, start+step, … < end.
  ///
  /// Resolution: the coarsest that answers the windows exactly
  /// (``SeriesData/resolution(start:step:now:)``). Windows merge their buckets exactly, so a
  /// p99 over ten minutes is the p99 of all their samples, not an average of p99s.
  public func query(_ query: MetricQuery) -> [QuerySeries] {
    let now = Int64(clock.now().rounded(.down))
    return snapshot(name: query.name, labels: query.labels)
      .map { entry in
        let buckets = entry.data.resolution(start: query.start, step: query.step, now: now)
        let points = buckets.points(
          query.statistic, start: query.start, end: query.end, step: query.step)
        return QuerySeries(labels: entry.key.labels, points: points)
      }
      .filter { !$0.points.isEmpty }
      .sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
  }

  /// ``query(_:)`` with the query's parts; throws when they are out of bounds.
  public func query(
    name: String, labels: [Label] = [], stat: Statistic, start: Int64, end: Int64, step: Int64
  ) throws(MetricQueryError) -> [QuerySeries] {
    query(
      try MetricQuery(
        name: name, labels: labels, statistic: stat, start: start, end: end, step: step))
  }

  /// `statistic` over the whole window `[start, end)` of every matching series merged into
  /// one (for checks and alarms); nil when there is no data.
  public func aggregate(
    name: String, labels: [Label], statistic: Statistic, start: Int64, end: Int64
  ) -> Double? {
    let now = Int64(clock.now().rounded(.down))
    let useMinutes = start < now - SeriesData.secondRetention
    var total: Aggregate?
    for entry in snapshot(name: name, labels: labels) {
      let buckets = useMinutes ? entry.data.minutes : entry.data.seconds
      guard let merged = buckets.merged(in: start..<end) else { continue }
      if total == nil { total = merged } else { total!.merge(later: merged) }
    }
    return total?.statistic(statistic, seconds: Double(end - start))
  }
}

/// Everything the store keeps for one series: its kind, 1 s buckets for the last hour, 1 min
/// buckets for the last day (and 5 min buckets, so a day-long chart reads 288 buckets a series
/// rather than 1440), and what the Prometheus exposition reads (the counter's running total,
/// the gauge's last value, the histogram of every sample since the agent started).
struct SeriesData: Sendable {
  static let secondRetention: Int64 = 3600
  static let minuteRetention: Int64 = 86_400

  let kind: MetricKind
  var seconds: BucketSeries
  var minutes: BucketSeries
  var fiveMinutes: BucketSeries
  /// Counter total, last gauge, lifetime histogram; nil until the first sample.
  var cumulative: Aggregate?
  /// The newest second a sample arrived for.
  var lastSeen: Int64 = .min

  init(kind: MetricKind) {
    self.kind = kind
    seconds = BucketSeries(kind: kind, width: 1, retention: Self.secondRetention)
    minutes = BucketSeries(kind: kind, width: 60, retention: Self.minuteRetention)
    fiveMinutes = BucketSeries(kind: kind, width: 300, retention: Self.minuteRetention)
  }

  /// The value a gauge delta (`+N`/`-N`) changes; 0 before any value, as StatsD does.
  var lastGauge: Double {
    if case .gauge(let summary) = cumulative { return summary.last }
    return 0
  }

  /// Records into every resolution at once, so each minute bucket is always the exact merge
  /// of its seconds, and each 5 min bucket of its minutes (down-sampling by construction,
  /// histograms included).
  /// - Parameter delta: a gauge change to apply to the last value instead of `sample`.
  /// - Returns: false, recording nothing, when `kind` is not the series' kind.
  mutating func record(
    _ sample: MetricSample, kind sampleKind: MetricKind, gaugeDelta delta: Double? = nil,
    at second: Int64
  ) -> Bool {
    guard sampleKind == kind else { return false }
    let resolved = delta.map { MetricSample.gauge(lastGauge + $0) } ?? sample
    seconds.record(resolved, at: second)
    minutes.record(resolved, at: second)
    fiveMinutes.record(resolved, at: second)
    lastSeen = max(lastSeen, second)
    switch (kind, resolved) {
    case (.counter, _), (.histogram, _):
      if cumulative == nil {
        cumulative = Aggregate(kind: kind, resolved)
      } else {
        cumulative!.add(resolved)
      }
    case (.gauge, .gauge(let value)):
      if second >= lastSeen { cumulative = .gauge(GaugeSummary(value)) }
    default:
      break
    }
    return true
  }

  mutating func expire(now: Int64) {
    seconds.expire(now: now)
    minutes.expire(now: now)
    fiveMinutes.expire(now: now)
  }

  /// Merges a persisted minute bucket into the minute and 5 min resolutions.
  mutating func restore(minute bucket: Aggregate, at minute: Int64) {
    minutes.merge(bucket, at: minute)
    fiveMinutes.merge(bucket, at: minute)
  }

  /// The coarsest resolution that answers windows of `step` seconds from `start` exactly,
  /// at `now`: 5 min or 1 min buckets for aligned windows, 1 min buckets for anything
  /// older than the seconds' hour, else 1 s buckets.
  func resolution(start: Int64, step: Int64, now: Int64) -> BucketSeries {
    if start % 300 == 0, step % 300 == 0 { return fiveMinutes }
    if (start % 60 == 0 && step % 60 == 0) || start < now - Self.secondRetention { return minutes }
    return seconds
  }
}

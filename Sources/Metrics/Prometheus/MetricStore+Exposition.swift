extension MetricStore {
  /// Upper bounds of the exposed histogram buckets, in the unit sent (Envoy's default
  /// histogram buckets, milliseconds for its timers).
  public static let exposedBucketBounds: [Double] = [
    0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000, 300_000,
    600_000, 1_800_000, 3_600_000,
  ]

  /// The current value of every series in the Prometheus text format 0.0.4, so a user's
  /// Prometheus can scrape the sandbox: counters as their running totals, gauges as their
  /// last value, sets as the distinct members of the current minute (a gauge), timers and
  /// histograms as cumulative `_bucket{le=…}` counts (read from the log-scaled bins, so a
  /// count is exact to within the bins' 1 % width around `le`), `_sum` and `_count` since the
  /// agent started. Families are sorted by name; a name that maps onto a family of another
  /// kind is left out rather than mixed into it.
  public func prometheusText() -> String {
    var families: [String: (kind: MetricKind, series: [(SeriesKey, SeriesData)])] = [:]
    for (key, data) in snapshot() {
      let name = PrometheusWriter.metricName(key.name)
      if let existing = families[name], existing.kind != data.kind { continue }
      families[name, default: (data.kind, [])].series.append((key, data))
    }
    var text = ""
    for name in families.keys.sorted() {
      let family = families[name]!
      let type =
        switch family.kind {
        case .counter: "counter"
        case .gauge, .set: "gauge"
        case .histogram: "histogram"
        }
      text += "# TYPE \(name) \(type)\n"
      for (key, data) in family.series.sorted(by: {
        $0.0.labels.lexicographicallyPrecedes($1.0.labels)
      }) {
        switch (data.kind, data.cumulative) {
        case (.counter, .counter(let total)?):
          PrometheusWriter.sample(name, key.labels, total, into: &text)
        case (.gauge, .gauge(let summary)?):
          PrometheusWriter.sample(name, key.labels, summary.last, into: &text)
        case (.set, _):
          let distinct = data.minutes.values.last?.statistic(.count, seconds: 60) ?? 0
          PrometheusWriter.sample(name, key.labels, distinct, into: &text)
        case (.histogram, .histogram(let histogram)?):
          for bound in Self.exposedBucketBounds {
            PrometheusWriter.sample(
              name + "_bucket",
              key.labels.filter { $0.name != "le" } + [Label("le", PrometheusWriter.value(bound))],
              Double(histogram.count(atOrBelow: bound)), into: &text)
          }
          PrometheusWriter.sample(
            name + "_bucket", key.labels.filter { $0.name != "le" } + [Label("le", "+Inf")],
            Double(histogram.count),
            into: &text)
          PrometheusWriter.sample(name + "_sum", key.labels, histogram.sum, into: &text)
          PrometheusWriter.sample(name + "_count", key.labels, Double(histogram.count), into: &text)
        default:
          break
        }
      }
    }
    return text
  }
}

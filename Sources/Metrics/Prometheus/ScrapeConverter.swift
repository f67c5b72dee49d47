/// Turns successive scrapes of one target into store samples: counters (and the `_bucket`,
/// `_sum`, `_count` series of histograms and summaries, which are counters too) become the
/// increase since the previous scrape — a value below the previous one is a counter reset,
/// so the whole value counts; the first scrape of a series only sets its baseline. Gauges,
/// untyped samples and summary quantiles are recorded as gauges.
struct ScrapeConverter: Sendable {
  /// The previous value of each counter-like series.
  private var previous: [SeriesKey: Double] = [:]

  /// The samples to record from `document`, with their kind.
  mutating func convert(_ document: PrometheusDocument) -> [(
    key: SeriesKey, kind: MetricKind, sample: MetricSample
  )] {
    var output: [(key: SeriesKey, kind: MetricKind, sample: MetricSample)] = []
    var seen: [SeriesKey: Double] = [:]
    for sample in document.samples where sample.value.isFinite {
      let key = SeriesKey(name: sample.name, labels: sample.labels)
      let family = document.family(of: sample.name)
      let counterLike =
        family.type == .counter || family.type == .histogram
        || (family.type == .summary && sample.name != family.name)
      guard counterLike else {
        output.append((key, .gauge, .gauge(sample.value)))
        continue
      }
      seen[key] = sample.value
      guard let last = previous[key] else { continue }
      let increase = sample.value >= last ? sample.value - last : sample.value
      output.append((key, .counter, .counter(increase)))
    }
    previous = seen
    return output
  }
}

/// One persisted minute bucket of one series.
struct ArchivedBucket: Sendable {
  let key: SeriesKey
  let kind: MetricKind
  /// The minute's first second (Unix time).
  let minute: Int64
  let bucket: Aggregate
}

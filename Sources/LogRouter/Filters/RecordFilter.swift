/// One filter of the pipeline (Fluent Bit's filter plugins). Filters are values owned by the
/// pipeline; a filter with state (throttle) keeps it in itself, so `apply` is `mutating`.
public protocol RecordFilter: Sendable {
  /// Looks at (and may change) `record`; `now` is monotonic nanoseconds.
  mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome
}

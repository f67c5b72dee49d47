/// What a filter did with a record.
public enum FilterOutcome: Sendable, Equatable {
  /// The record goes on (possibly changed).
  case keep
  /// The record is dropped (counted as the filter's `drop_records`).
  case drop
  /// A copy is emitted under `tag` from the start of the pipeline (counted as `add_records`);
  /// the original goes on when `keepOriginal`, else it is dropped.
  case rewrite(tag: String, keepOriginal: Bool)
}

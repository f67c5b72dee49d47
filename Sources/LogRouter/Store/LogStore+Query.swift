extension LogStore {
  /// One page of events: `query(filter:container:source:start:end:limit:next:)`, the shape of
  /// `GET /api/v1/logs?filter=…&container=…&source=…&start=…&end=…&limit=…&next=…`.
  public func query(
    filter: String = "", container: String? = nil, source: String? = nil, start: Double? = nil,
    end: Double? = nil, limit: Int = 100, next: String? = nil
  ) throws -> LogQueryResult {
    try query(
      LogQuery(
        filter: filter, container: container, source: source, start: start, end: end, limit: limit,
        next: next))
  }
}

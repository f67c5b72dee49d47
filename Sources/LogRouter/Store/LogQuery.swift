/// What to look for in a ``LogStore``: `GET /api/v1/logs?filter=…&container=…&source=…&start=…&end=…&limit=…&next=…`.
public struct LogQuery: Sendable {
  /// A CloudWatch Logs filter pattern (see ``FilterPattern``); empty matches everything.
  public var filter: String
  public var container: String?
  public var source: String?
  /// Seconds since the Unix epoch, `start` inclusive, `end` exclusive.
  public var start: Double?
  public var end: Double?
  /// Events per page, 1...``LogStore/maxPageSize``.
  public var limit: Int
  /// The token of a previous page's `next`.
  public var next: String?

  public init(
    filter: String = "", container: String? = nil, source: String? = nil, start: Double? = nil,
    end: Double? = nil, limit: Int = 100, next: String? = nil
  ) {
    self.filter = filter
    self.container = container
    self.source = source
    self.start = start
    self.end = end
    self.limit = limit
    self.next = next
  }
}

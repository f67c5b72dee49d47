/// One page of a log query: the events (newest first), the token of the next page (`nil` on
/// the last), and how many events match the filter and time range per container and per
/// source (facets, not narrowed by the container or source asked for).
public struct LogQueryResult: Sendable {
  public let records: [StoredLog]
  public let next: String?
  public let containers: [String: Int]
  public let sources: [String: Int]
}

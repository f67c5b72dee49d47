/// One `[FILTER]`: its instance name (`grep.0`, or the `Alias`), the tags it takes and the
/// filter itself.
public struct FilterConfig: Sendable {
  public let name: String
  public let matcher: TagMatcher
  public let filter: any RecordFilter
}

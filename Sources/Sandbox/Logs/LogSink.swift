/// Where the agent puts captured output: the recent lines the sandbox page shows. The agent
/// calls ``append(_:sandboxID:container:)`` from its own thread for every line, in order per
/// stream. (Search and retention are the log router's: an `awsfirelens` container's bytes are
/// also forwarded to it through a route pipe, see `RoutePipe`.)
public protocol LogSink: Sendable {
  func append(_ line: LogLine, sandboxID: String, container: String)
  /// The newest lines of a container, oldest first, at most `limit`.
  func recent(sandboxID: String, container: String, limit: Int) -> [LogLine]
  /// Forgets a sandbox's lines (the sandbox was deleted).
  func remove(sandboxID: String)
}

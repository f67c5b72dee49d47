/// Where the agent puts captured output. The agent calls ``append(_:sandboxID:container:)`` from
/// its own thread for every line, in order per stream; the log router replaces the default
/// ``RingLogSink`` later.
public protocol LogSink: Sendable {
  func append(_ line: LogLine, sandboxID: String, container: String)
  /// The newest lines of a container, oldest first, at most `limit`.
  func recent(sandboxID: String, container: String, limit: Int) -> [LogLine]
  /// Forgets a sandbox's lines (the sandbox was deleted).
  func remove(sandboxID: String)
}

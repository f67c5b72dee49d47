/// One event as the log store keeps it.
public struct StoredLog: Sendable, Hashable {
  public let id: Int64
  /// Seconds since the Unix epoch.
  public let time: Double
  public let container: String
  public let source: String
  /// The `log` field: the line as the process wrote it.
  public let message: String
  /// The whole record as JSON.
  public let record: String
}

import Wire

/// One `[OUTPUT]`: which tags it takes, where records go and how hard to retry.
public struct OutputConfig: Sendable {
  public enum Kind: Sendable {
    /// Appends one JSON line per record (`Name file`, `Path` + `File`).
    case file(path: String)
    /// JSON lines on standard output (`Name stdout`).
    case stdout
    /// `POST` to `Host:Port` `URI`, as `json_lines` or a `json` array (`Name http`).
    case http(address: SocketAddress, uri: String, jsonArray: Bool)
    /// The lab server's log store (`Name logstore`, `Path`, `Retention_Rows`, `Retention_Age`).
    case logStore(path: String, maxRows: Int, maxAge: Double?)
  }

  public let name: String
  public let matcher: TagMatcher
  public let kind: Kind
  /// Retries before a chunk is dropped and counted (`Retry_Limit`; `no_limits`/`False` = `nil`).
  public let retryLimit: Int?

  static let keys: Set<String> = [
    "Name", "Alias", "Match", "Match_Regex", "Retry_Limit", "Path", "File", "Host", "Port", "URI",
    "Format", "Retention_Rows", "Retention_Age",
  ]
}

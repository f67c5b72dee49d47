import Wire

/// One `[INPUT]`: where lines come from, the tag they get and how they are parsed.
public struct InputConfig: Sendable {
  public enum Kind: Sendable {
    /// Lines from a descriptor: standard input, or a process stream the agent hands over
    /// (`Name stdin`, `FD 3`).
    case stream(descriptor: Int32)
    /// JSON lines over TCP (`Name tcp`, `Listen`, `Port`).
    case tcp(SocketAddress)
    /// `POST` of a JSON array (or one object) of records (`Name http`, `Listen`, `Port`).
    case http(SocketAddress)
  }

  /// The instance name the metrics use: `stdin.0`, `tcp.1`, or the `Alias`.
  public let name: String
  public let kind: Kind
  public let tag: String
  public let parser: LogParser?
  /// Keep the raw line under `log` when a parser read it (`Preserve_Key`, default On, so every
  /// record has the FireLens `log` key).
  public let preserveKey: Bool
  /// The FireLens `source` (`stdout`/`stderr`) and `container_name` of lines from this input.
  public let source: String
  public let containerName: String?
  /// Longest line accepted; a longer one is cut there and marked `log_truncated`.
  public let maxLineLength: Int

  static let keys: Set<String> = [
    "Name", "Alias", "Tag", "Parser", "Preserve_Key", "FD", "Source", "Container", "Listen", "Port",
    "Buffer_Size",
  ]
}

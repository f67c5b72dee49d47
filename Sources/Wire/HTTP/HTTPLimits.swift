/// Bounds on what a peer may send, so no input can make the server hang or grow without end.
public struct HTTPLimits: Sendable {
  /// Longest request line (or status line) in bytes; longer → 414 (RFC 9112 §3).
  public var maxRequestLine = 8 * 1024
  /// Largest header block in bytes, request line excluded; larger → 431 (RFC 6585 §5).
  public var maxHeaderBytes = 64 * 1024
  /// Most header fields; more → 431.
  public var maxHeaderCount = 100
  /// Largest request body; larger → 413. Routes may set their own.
  public var maxBody = 1024 * 1024
  /// Longest chunk-size line (size, extensions) in a chunked body; longer → 400.
  public var maxChunkLine = 4096

  public init() {}
}

/// How a message's body is delimited (RFC 9112 §6.3).
public enum BodyFraming: Sendable, Equatable {
  /// No body.
  case none
  /// Exactly this many bytes.
  case contentLength(Int)
  /// Chunked transfer coding.
  case chunked
  /// Until the connection closes (responses only).
  case untilClose
}

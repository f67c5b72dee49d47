/// A response a handler returns: status, headers and a body that is either bytes or a stream.
public struct HTTPResponse: Sendable {
  public var status: HTTPStatus
  /// The fields; changing them drops any prepared serialization.
  public var headers: HTTPHeaders {
    didSet { preparedBytes = nil }
  }
  public var body: HTTPBody
  /// `headers` already serialized (see ``PreparedHeaders``), while they are unchanged.
  private(set) var preparedBytes: [UInt8]?

  public init(status: HTTPStatus = .ok, headers: HTTPHeaders = [:], body: HTTPBody = .bytes([])) {
    self.status = status
    self.headers = headers
    self.body = body
  }

  /// A response whose fields were validated and serialized ahead of time.
  public init(status: HTTPStatus = .ok, prepared: PreparedHeaders, body: HTTPBody = .bytes([])) {
    self.status = status
    self.headers = prepared.headers
    self.body = body
    self.preparedBytes = prepared.bytes
  }

  /// A response with a UTF-8 text body and its Content-Type.
  public init(
    status: HTTPStatus = .ok, contentType: String, text: String, headers: HTTPHeaders = [:]
  ) {
    var headers = headers
    headers.set("Content-Type", contentType)
    self.init(status: status, headers: headers, body: .bytes(Array(text.utf8)))
  }
}

/// A response body: bytes known up front (sent with Content-Length) or a producer that writes
/// chunks as they come (sent chunked, RFC 9112 §7.1), such as Server-Sent Events.
public enum HTTPBody: Sendable {
  case bytes([UInt8])
  case stream(@Sendable (ResponseBodyWriter) -> Void)
}

/// Where a streaming body writes. Writes may come from any thread; each `write` is flushed
/// to the socket as soon as the connection can take it. `finish()` ends the body; after the
/// peer goes away `isClosed` turns true and writes are dropped.
public protocol ResponseBodyWriter: Sendable {
  func write(_ bytes: [UInt8])
  func finish()
  var isClosed: Bool { get }
  /// Runs `handler` once, on the connection's loop, when the peer closes or the server stops.
  func onClose(_ handler: @escaping @Sendable () -> Void)
}

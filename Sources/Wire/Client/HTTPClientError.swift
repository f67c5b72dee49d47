/// Why ``HTTPClient/send(_:to:)`` gave no response.
public enum HTTPClientError: Error, Sendable, CustomStringConvertible {
  /// The connection was not established within `connectTimeout`.
  case connectTimeout
  /// The response was not complete within `responseTimeout` of the connection being ready.
  case responseTimeout
  /// A system call failed: connection refused, reset, unreachable…
  case connectionFailed(SystemCallError)
  /// The peer closed the connection before the response was complete.
  case connectionClosed
  /// The response broke HTTP/1.1 (a 502 with the reason, from ``HTTPResponseParser`` or the
  /// chunked decoder).
  case invalidResponse(HTTPError)
  /// The response body was larger than `maxResponseBody`.
  case bodyTooLarge
  /// The request could not be sent as given (method not a token, bad target, unsafe field,
  /// `Transfer-Encoding`, or a `Content-Length` that is not the body's); nothing was sent.
  case invalidRequest(HTTPError)

  public var description: String {
    switch self {
    case .connectTimeout: "connect timed out"
    case .responseTimeout: "response timed out"
    case .connectionFailed(let error): "connection failed: \(error)"
    case .connectionClosed: "connection closed before the response was complete"
    case .invalidResponse(let error): "invalid response: \(error.message)"
    case .bodyTooLarge: "response body too large"
    case .invalidRequest(let error): "invalid request: \(error.message)"
    }
  }
}

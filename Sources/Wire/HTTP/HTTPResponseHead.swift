/// A parsed status line and header block (RFC 9112 §4, §5).
public struct HTTPResponseHead: Sendable {
  public var status: HTTPStatus
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  public var headers: HTTPHeaders

  public init(status: HTTPStatus, minorVersion: Int = 1, headers: HTTPHeaders = [:]) {
    self.status = status
    self.minorVersion = minorVersion
    self.headers = headers
  }

  /// RFC 9112 §9.3: an HTTP/1.1 response leaves the connection open unless `Connection: close`;
  /// an HTTP/1.0 one only with `Connection: keep-alive`.
  public var allowsKeepAlive: Bool {
    if headers.hasToken("close", in: "Connection") { return false }
    return minorVersion >= 1 || headers.hasToken("keep-alive", in: "Connection")
  }
}

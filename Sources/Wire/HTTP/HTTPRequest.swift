/// A parsed request line and header block (RFC 9112 §3, §5).
public struct HTTPRequestHead: Sendable {
  public var method: HTTPMethod
  /// The request target exactly as sent (origin-form `/path?query`, or absolute-form).
  public var target: String
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  public var headers: HTTPHeaders

  public init(method: HTTPMethod, target: String, minorVersion: Int = 1, headers: HTTPHeaders = [:])
  {
    self.method = method
    self.target = target
    self.minorVersion = minorVersion
    self.headers = headers
  }

  /// The path part of the target, still percent-encoded; for absolute-form, the part after the authority.
  public var path: Substring {
    let bytes = target.utf8
    var start = bytes.startIndex
    if bytes.first != UInt8(ascii: "/"), let authority = Self.authorityStart(bytes) {
      start = bytes[authority...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
      if start == bytes.endIndex { return "/" }
    }
    let end = bytes[start...].firstIndex(of: UInt8(ascii: "?")) ?? bytes.endIndex
    return Substring(target.utf8[start..<end])
  }

  /// The query part of the target without the `?`, or `nil`.
  public var query: Substring? {
    let bytes = target.utf8
    guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return nil }
    return Substring(bytes[bytes.index(after: mark)...])
  }

  /// Where the authority of an absolute-form target (`scheme://authority/…`) begins.
  private static func authorityStart(_ bytes: String.UTF8View) -> String.Index? {
    guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
    let rest = bytes[colon...]
    guard rest.starts(with: "://".utf8) else { return nil }
    return bytes.index(colon, offsetBy: 3)
  }

  /// RFC 9112 §9.3: HTTP/1.1 is persistent unless `Connection: close`; HTTP/1.0 only with keep-alive.
  public var wantsKeepAlive: Bool {
    if headers.hasToken("close", in: "Connection") { return false }
    return minorVersion >= 1 || headers.hasToken("keep-alive", in: "Connection")
  }
}

/// A whole request as a handler sees it: head, body (already de-chunked) and the peer.
public struct HTTPRequest: Sendable {
  public var head: HTTPRequestHead
  public var body: [UInt8]
  public var remoteAddress: SocketAddress?
  /// Values bound by the route pattern (`:name` segments, and `*` for a trailing wildcard).
  public var pathParameters: [String: String]

  public init(
    head: HTTPRequestHead, body: [UInt8] = [], remoteAddress: SocketAddress? = nil,
    pathParameters: [String: String] = [:]
  ) {
    self.head = head
    self.body = body
    self.remoteAddress = remoteAddress
    self.pathParameters = pathParameters
  }

  public var method: HTTPMethod { head.method }
  public var path: Substring { head.path }
  public var query: Substring? { head.query }
  public var headers: HTTPHeaders { head.headers }
}

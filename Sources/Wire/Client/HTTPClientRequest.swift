/// A request for ``HTTPClient``: the client adds `Host` and `Content-Length` when they are missing
/// and always frames the body with `Content-Length`.
public struct HTTPClientRequest: Sendable {
  public var method: HTTPMethod
  /// Origin-form (`/path?query`) as a rule; absolute-form for a proxy, authority-form for CONNECT.
  public var target: String
  public var headers: HTTPHeaders
  public var body: [UInt8]

  public init(
    method: HTTPMethod = .get, target: String, headers: HTTPHeaders = [:], body: [UInt8] = []
  ) {
    self.method = method
    self.target = target
    self.headers = headers
    self.body = body
  }
}

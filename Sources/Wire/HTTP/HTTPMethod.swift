/// A request method token (RFC 9110 §9). Any token is accepted; the common ones are named.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }

  public static let get = HTTPMethod(rawValue: "GET")
  public static let head = HTTPMethod(rawValue: "HEAD")
  public static let post = HTTPMethod(rawValue: "POST")
  public static let put = HTTPMethod(rawValue: "PUT")
  public static let delete = HTTPMethod(rawValue: "DELETE")
  public static let patch = HTTPMethod(rawValue: "PATCH")
  public static let options = HTTPMethod(rawValue: "OPTIONS")
  public static let connect = HTTPMethod(rawValue: "CONNECT")
  public static let trace = HTTPMethod(rawValue: "TRACE")

  /// The method named by a request line's bytes (a token): the named constant for the common
  /// ones, so parsing them builds no String.
  init(token bytes: UnsafeRawBufferPointer) {
    for known in Self.common where HTTPGrammar.equals(bytes, known.token) {
      self = known.method
      return
    }
    self.init(rawValue: String(decoding: bytes, as: UTF8.self))
  }

  private static let common: [(token: StaticString, method: HTTPMethod)] = [
    ("GET", .get), ("POST", .post), ("HEAD", .head), ("PUT", .put), ("DELETE", .delete),
    ("PATCH", .patch), ("OPTIONS", .options), ("CONNECT", .connect), ("TRACE", .trace),
  ]

  public var description: String { rawValue }
}

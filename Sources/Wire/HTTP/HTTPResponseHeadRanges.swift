/// A response head as the parser found it in the received bytes (RFC 9112 §4, §5): the status
/// code, where the reason phrase and each field lie (offsets from the head's first byte), and
/// the version, checked as strictly as an ``HTTPResponseHead`` but with no String built, so a
/// proxy forwards the head in place. Read it together with the bytes it was parsed from.
public struct HTTPResponseHeadRanges: Sendable {
  public var code: Int
  /// The reason phrase (empty when the status line has none); it holds no control character.
  public var reason: Range<Int>
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  public var fields: [HTTPFieldRange]

  public init(code: Int, reason: Range<Int>, minorVersion: Int, fields: [HTTPFieldRange]) {
    self.code = code
    self.reason = reason
    self.minorVersion = minorVersion
    self.fields = fields
  }

  /// RFC 9112 §9.3, as ``HTTPResponseHead/allowsKeepAlive``.
  @inlinable
  public func allowsKeepAlive(in head: UnsafeRawBufferPointer) -> Bool {
    fields.keepsAlive(minorVersion: minorVersion, in: head)
  }

  /// The head with Strings, as clients see it.
  public func head(in bytes: UnsafeRawBufferPointer) -> HTTPResponseHead {
    HTTPResponseHead(
      status: HTTPStatus(
        code, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[reason]), as: UTF8.self)),
      minorVersion: minorVersion, headers: fields.headers(in: bytes))
  }
}

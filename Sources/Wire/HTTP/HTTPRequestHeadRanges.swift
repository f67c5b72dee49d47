/// A request head as the parser found it in the received bytes (RFC 9112 §3, §5): the method,
/// where the target and each field lie (offsets from the head's first byte), and the version,
/// checked as strictly as an ``HTTPRequestHead`` but with no String built, so a proxy reads
/// and copies the head in place. Read it together with the bytes it was parsed from.
public struct HTTPRequestHeadRanges: Sendable {
  public var method: HTTPMethod
  /// The request target exactly as sent.
  public var target: Range<Int>
  /// HTTP minor version: 0 for HTTP/1.0, 1 for HTTP/1.1.
  public var minorVersion: Int
  public var fields: [HTTPFieldRange]

  public init(
    method: HTTPMethod, target: Range<Int>, minorVersion: Int, fields: [HTTPFieldRange]
  ) {
    self.method = method
    self.target = target
    self.minorVersion = minorVersion
    self.fields = fields
  }

  /// RFC 9112 §9.3, as ``HTTPRequestHead/wantsKeepAlive``.
  @inlinable
  public func wantsKeepAlive(in head: UnsafeRawBufferPointer) -> Bool {
    fields.keepsAlive(minorVersion: minorVersion, in: head)
  }

  /// The head with Strings, as handlers see it.
  public func head(in bytes: UnsafeRawBufferPointer) -> HTTPRequestHead {
    HTTPRequestHead(
      method: method,
      target: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[target]), as: UTF8.self),
      minorVersion: minorVersion, headers: fields.headers(in: bytes))
  }
}

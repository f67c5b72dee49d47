/// Header fields validated and serialized once, for a response sent many times (a cached
/// file): the server copies the bytes instead of checking and writing each field again.
///
/// The fields the server owns (`Content-Length`, `Transfer-Encoding`, `Connection`, `Date`)
/// and unsafe fields are left out, as ``HTTPSerializer`` leaves them out. The server's fixed
/// headers are not looked for: prepared headers must not repeat them.
public struct PreparedHeaders: Sendable {
  public let headers: HTTPHeaders
  let bytes: [UInt8]

  public init(_ headers: HTTPHeaders) {
    self.headers = headers
    var bytes: [UInt8] = []
    for field in headers where !Self.isServerOwned(field.name) {
      HTTPSerializer.appendField(name: field.name, value: field.value, into: &bytes)
    }
    self.bytes = bytes
  }

  /// The framing and connection fields only the server writes (RFC 9112 §6, RFC 9110 §6.6.1).
  static func isServerOwned(_ name: String) -> Bool {
    switch name.utf8.first.map({ $0 | 0x20 }) {
    case UInt8(ascii: "c"):
      name.equalsIgnoringASCIICase("Content-Length") || name.equalsIgnoringASCIICase("Connection")
    case UInt8(ascii: "t"): name.equalsIgnoringASCIICase("Transfer-Encoding")
    case UInt8(ascii: "d"): name.equalsIgnoringASCIICase("Date")
    default: false
    }
  }
}

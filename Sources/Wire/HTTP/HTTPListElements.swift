/// The elements of a comma-separated field value (RFC 9110 §5.6.1: `#element`), each with its
/// surrounding OWS (spaces and horizontal tabs) trimmed, empty elements included, in order.
/// It walks the value's bytes in place, so the per-request checks of `Connection`,
/// `Content-Length` and `Transfer-Encoding` allocate nothing.
public struct HTTPListElements: Sequence, IteratorProtocol {
  @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
  @usableFromInline var position = 0
  @usableFromInline var finished = false

  /// - Parameter bytes: the field value; it must outlive the iteration.
  @inlinable
  public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  @inlinable
  public mutating func next() -> UnsafeBufferPointer<UInt8>? {
    guard !finished else { return nil }
    var end = position
    while end < bytes.count, bytes[end] != UInt8(ascii: ",") { end += 1 }
    var start = position
    if end == bytes.count { finished = true } else { position = end + 1 }
    while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
    while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  /// Whether an element equals `token`, ASCII case-insensitively (empty elements never do).
  static func contains(_ token: String, in value: String) -> Bool {
    var value = value
    var token = token
    return value.withUTF8 { bytes in
      token.withUTF8 { wanted in
        HTTPListElements(bytes).contains {
          !$0.isEmpty && $0.equalsIgnoringASCIICase(wanted)
        }
      }
    }
  }
}

/// Where one header field lies in the bytes its head was parsed from: the name and the value
/// (OWS trimmed, RFC 9110 §5.5) as offsets from the head's first byte. The parser checked both
/// (a token name; a value without control characters but HTAB), so a proxy can copy them as
/// they are, without building a `String` for either.
public struct HTTPFieldRange: Sendable, Equatable {
  public var name: Range<Int>
  public var value: Range<Int>

  @inlinable
  public init(name: Range<Int>, value: Range<Int>) {
    self.name = name
    self.value = value
  }

  /// The name's bytes in `head`, the bytes the field was parsed from.
  @inlinable
  public func name(in head: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
    UnsafeRawBufferPointer(rebasing: head[name]).assumingMemoryBound(to: UInt8.self)
  }

  /// The value's bytes in `head`.
  @inlinable
  public func value(in head: UnsafeRawBufferPointer) -> UnsafeBufferPointer<UInt8> {
    UnsafeRawBufferPointer(rebasing: head[value]).assumingMemoryBound(to: UInt8.self)
  }

  /// Whether the field's name is `lowercase`, compared ASCII case-insensitively (RFC 9110 §5.1).
  @inlinable
  public func isNamed(_ lowercase: StaticString, in head: UnsafeRawBufferPointer) -> Bool {
    name.count == lowercase.utf8CodeUnitCount && name(in: head).equalsLowercase(lowercase)
  }
}

extension Array where Element == HTTPFieldRange {
  /// Whether a comma-separated list field `name` (such as `Connection`) holds `token`,
  /// ASCII case-insensitively, reading the values in place.
  @inlinable
  public func hasToken(
    _ token: StaticString, inFieldsNamed name: StaticString, in head: UnsafeRawBufferPointer
  ) -> Bool {
    contains { field in
      field.isNamed(name, in: head)
        && HTTPListElements(field.value(in: head)).contains { $0.equalsLowercase(token) }
    }
  }

  /// RFC 9112 §9.3: an HTTP/1.1 message leaves the connection open unless `Connection:
  /// close`; an HTTP/1.0 one only with `Connection: keep-alive`.
  @inlinable
  public func keepsAlive(minorVersion: Int, in head: UnsafeRawBufferPointer) -> Bool {
    if hasToken("close", inFieldsNamed: "connection", in: head) { return false }
    return minorVersion >= 1 || hasToken("keep-alive", inFieldsNamed: "connection", in: head)
  }

  /// The fields as Strings, in order (what ``HTTPRequestHead`` and ``HTTPResponseHead`` hold).
  func headers(in head: UnsafeRawBufferPointer) -> HTTPHeaders {
    var headers = HTTPHeaders()
    headers.reserveCapacity(count)
    for field in self {
      headers.add(
        String(decoding: field.name(in: head), as: UTF8.self),
        String(decoding: field.value(in: head), as: UTF8.self))
    }
    return headers
  }
}

extension UnsafeBufferPointer where Element == UInt8 {
  /// ASCII case-insensitive equality with a lower-case literal (header names and tokens; no
  /// Unicode folding, RFC 9110 §5.1).
  @inlinable
  public func equalsLowercase(_ literal: StaticString) -> Bool {
    let length = literal.utf8CodeUnitCount
    guard count == length else { return false }
    let expected = literal.utf8Start
    for index in 0..<length {
      let byte = self[index]
      if (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) != expected[index] { return false }
    }
    return true
  }

  /// ASCII case-insensitive equality of two byte strings (header names, tokens).
  @inlinable
  public func equalsIgnoringASCIICase(_ other: UnsafeBufferPointer<UInt8>) -> Bool {
    guard count == other.count else { return false }
    for index in 0..<count {
      let a = self[index]
      let b = other[index]
      if a != b, (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) != (b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
      {
        return false
      }
    }
    return true
  }
}

import Wire

/// A parsed `application/x-www-form-urlencoded` body (WHATWG URL Standard §5.1): `&`-separated
/// `name=value` pairs, `+` as space, `%XX` percent-decoding, then UTF-8. Bounded in size and
/// field count; invalid UTF-8 is refused with 400.
public struct FormData: Sendable, Equatable {
  /// Most fields a form may carry.
  public static let maxFields = 64
  /// Largest body accepted, in bytes.
  public static let maxBytes = 64 * 1024

  /// The fields in the order sent, duplicates kept.
  public let fields: [Field]

  public struct Field: Sendable, Equatable {
    public let name: String
    public let value: String
  }

  /// Parses a form body.
  /// - Throws: `HTTPError` 400 for too many fields or invalid UTF-8, 413 for a body over ``maxBytes``.
  public init(parsing body: [UInt8]) throws(HTTPError) {
    guard body.count <= Self.maxBytes else { throw HTTPError(.contentTooLarge, "form too large") }
    var fields: [Field] = []
    for pair in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
      guard fields.count < Self.maxFields else {
        throw HTTPError(.badRequest, "too many form fields")
      }
      let equals = pair.firstIndex(of: UInt8(ascii: "="))
      let name = try Self.decode(pair[pair.startIndex..<(equals ?? pair.endIndex)])
      var value = ""
      if let equals { value = try Self.decode(pair[pair.index(after: equals)...]) }
      fields.append(Field(name: name, value: value))
    }
    self.fields = fields
  }

  /// The first value of `name`, or `nil`.
  public subscript(name: String) -> String? {
    fields.first { $0.name == name }?.value
  }

  /// Percent-decodes one name or value: `+` is a space, `%XX` a byte; a `%` not followed by
  /// two hex digits stays as it is (WHATWG URL §5.1 "percent-decode").
  static func decode(_ encoded: ArraySlice<UInt8>) throws(HTTPError) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(encoded.count)
    var index = encoded.startIndex
    while index < encoded.endIndex {
      let byte = encoded[index]
      if byte == UInt8(ascii: "+") {
        bytes.append(UInt8(ascii: " "))
      } else if byte == UInt8(ascii: "%"), index + 2 < encoded.endIndex,
        let high = hexValue(encoded[index + 1]), let low = hexValue(encoded[index + 2])
      {
        bytes.append(high << 4 | low)
        index += 2
      } else {
        bytes.append(byte)
      }
      index += 1
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw HTTPError(.badRequest, "form field is not valid UTF-8")
    }
    return text
  }

  static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

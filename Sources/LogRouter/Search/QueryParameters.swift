/// The parameters of a URL query (`a=1&b=two+words&c=%7B`), as HTML forms encode them
/// (WHATWG URL, "application/x-www-form-urlencoded parsing"): `+` is a space, `%XX` a byte.
/// Bounded: at most `maxCount` parameters of a query at most `maxLength` bytes long.
public struct QueryParameters: Sendable {
  public static let maxLength = 8192
  public static let maxCount = 32

  private var values: [String: String] = [:]

  /// Reads `query` (without the `?`); a malformed escape or a query over the bounds is an error.
  public init(_ query: Substring?) throws(LogStoreError) {
    guard let query, !query.isEmpty else { return }
    guard query.utf8.count <= Self.maxLength else {
      throw .badQuery("query longer than \(Self.maxLength) bytes")
    }
    let pairs = query.split(separator: "&", omittingEmptySubsequences: true)
    guard pairs.count <= Self.maxCount else {
      throw .badQuery("more than \(Self.maxCount) parameters")
    }
    for pair in pairs {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = try Self.decode(parts[0])
      values[name] = parts.count > 1 ? try Self.decode(parts[1]) : ""
    }
  }

  public subscript(name: String) -> String? { values[name] }

  private static func decode(_ text: Substring) throws(LogStoreError) -> String {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let byte = iterator.next() {
      switch byte {
      case UInt8(ascii: "+"): bytes.append(0x20)
      case UInt8(ascii: "%"):
        guard let high = iterator.next().flatMap(hexValue),
          let low = iterator.next().flatMap(hexValue)
        else {
          throw .badQuery("malformed %-escape in '\(text)'")
        }
        bytes.append(high << 4 | low)
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - 48
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - 87
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - 55
    default: nil
    }
  }
}

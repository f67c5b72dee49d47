/// Reads the 16 hex digits of a nested subsegment id straight from its UTF-8 bytes. Telemetry's
/// `SpanID(hex:)` is generic over `StringProtocol` and runs unspecialized from this module, which
/// costs more than the rest of a subsegment's validation; ids that only need checking and
/// matching take this path.
enum HexDigits {
  /// The id's value: exactly 16 hex digits of either case, not all zero (the `SpanID` rule).
  static func spanID(_ text: String) -> UInt64? {
    var text = text
    return text.withUTF8 { bytes -> UInt64? in
      guard bytes.count == 16 else { return nil }
      var value: UInt64 = 0
      for byte in bytes {
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
        value = value << 4 | UInt64(digit)
      }
      return value == 0 ? nil : value
    }
  }
}

import Telemetry

/// Reads a decimal number from bytes without Foundation: `[+-]digits[.digits][(e|E)[+-]digits]`.
/// Up to 15 significant digits and a power of ten within ±22 convert exactly (both factors are
/// exact doubles, so the one multiplication or division rounds correctly); anything longer goes
/// through the standard library's correctly rounded parser. `nan`, `inf` and hex are refused.
enum DecimalNumber {
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var significant = 0
    var scale = 0
    var sawPoint = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: ".") {
        guard !sawPoint else { return nil }
        sawPoint = true
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
        if significant <= 18 {
          mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
          if sawPoint { scale -= 1 }
        } else if !sawPoint {
          scale += 1
        }
      } else {
        break
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    if index < bytes.count {
      guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") else {
        return nil
      }
      index += 1
      var exponentNegative = false
      if index < bytes.count,
        bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        exponentNegative = bytes[index] == UInt8(ascii: "-")
        index += 1
      }
      var exponent = 0
      var exponentDigits = 0
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"),
        bytes[index] <= UInt8(ascii: "9")
      {
        exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 100_000)
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0, index == bytes.count else { return nil }
      scale += exponentNegative ? -exponent : exponent
    }
    let magnitude: Double
    if significant <= 15, abs(scale) <= 22 {
      magnitude =
        scale >= 0
        ? Double(mantissa) * Double.exactPowersOfTen[scale]
        : Double(mantissa) / Double.exactPowersOfTen[-scale]
    } else {
      guard let slow = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
      magnitude = abs(slow)
    }
    guard magnitude.isFinite else { return nil }
    return negative ? -magnitude : magnitude
  }
}

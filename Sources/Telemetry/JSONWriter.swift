/// A small streaming JSON writer (RFC 8259) for log lines and segment documents: it appends
/// UTF-8 straight into one buffer and places commas and colons itself. The caller pairs
/// `begin…`/`end…` calls and names a `key` before each value inside an object.
public struct JSONWriter: Sendable {
  /// The document written so far.
  public private(set) var bytes: [UInt8] = []
  /// Whether the next value or key needs a comma before it (a sibling came before it).
  private var needsComma = false

  public init() {}

  /// Makes room for `count` bytes in all, so a large document grows in one allocation.
  public mutating func reserveCapacity(_ count: Int) { bytes.reserveCapacity(count) }

  /// The document written so far, as a string.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  public mutating func beginObject() { open(UInt8(ascii: "{")) }
  public mutating func endObject() { close(UInt8(ascii: "}")) }
  public mutating func beginArray() { open(UInt8(ascii: "[")) }
  public mutating func endArray() { close(UInt8(ascii: "]")) }

  /// An object member's name; the next call writes its value.
  public mutating func key(_ name: String) {
    separate()
    appendQuoted(name)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  public mutating func string(_ value: String) {
    separate()
    appendQuoted(value)
    needsComma = true
  }

  /// Decimal digits straight into the bytes (no `String` per number: a day of points is
  /// tens of thousands of them).
  public mutating func int(_ value: Int) {
    separate()
    appendDecimal(UInt64(value.magnitude), fractionDigits: 0, negative: value < 0)
    needsComma = true
  }

  /// A finite double in the shortest form that reads back to the same value (Swift's
  /// `description`, which RFC 8259 §6 accepts: `1.5`, `1e-05`, `1e+20`); NaN and infinities,
  /// which JSON cannot express, become `null`.
  public mutating func double(_ value: Double) {
    value.isFinite ? raw(value.description) : null()
  }

  /// `value` rounded half away from zero to `digits` (1…15) significant digits, in plain
  /// decimal notation without trailing zeros after the point (`123.5`, `0.0001235`,
  /// `98770`), written straight into the bytes. Magnitudes outside 1e-6…1e15 (and zero) are
  /// written as ``double(_:)`` writes them.
  public mutating func double(_ value: Double, significantDigits digits: Int) {
    precondition((1...15).contains(digits), "significant digits must be 1…15")
    let magnitude = value.magnitude
    guard magnitude >= 1e-6, magnitude < 1e15 else { return double(value) }
    // ⌊log10(magnitude)⌋ from the binary exponent, then corrected against exact powers.
    var exponent = Int((Double(Int(magnitude.exponent)) * 0.301_029_995_663_981_2).rounded(.down))
    if magnitude >= Self.powerOfTen(exponent + 1) { exponent += 1 }
    if magnitude < Self.powerOfTen(exponent) { exponent -= 1 }
    let shift = digits - 1 - exponent
    let scaled =
      shift >= 0 ? magnitude * Self.powerOfTen(shift) : magnitude / Self.powerOfTen(-shift)
    var mantissa = UInt64(scaled.rounded())
    if mantissa >= UInt64(Self.powerOfTen(digits)) {
      mantissa /= 10
      exponent += 1
    }
    var fractionDigits = digits - 1 - exponent
    while fractionDigits > 0, mantissa % 10 == 0 {
      mantissa /= 10
      fractionDigits -= 1
    }
    separate()
    appendDecimal(mantissa, fractionDigits: fractionDigits, negative: value < 0)
    needsComma = true
  }

  /// 10^exponent for exponent in -22…22, exactly for 0…22 (every such power is a double).
  private static func powerOfTen(_ exponent: Int) -> Double {
    exponent >= 0
      ? Double.exactPowersOfTen[exponent] : 1 / Double.exactPowersOfTen[-exponent]
  }

  /// `mantissa` × 10^-`fractionDigits` in plain decimal notation: a point before the last
  /// `fractionDigits` digits (with a `0` before it when nothing else is), or -`fractionDigits`
  /// zeros after the digits. Composed backwards in a scratch buffer and appended at once.
  private mutating func appendDecimal(_ mantissa: UInt64, fractionDigits: Int, negative: Bool) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { text in
      var first = text.count
      for _ in 0..<Swift.max(0, -fractionDigits) {
        first -= 1
        text[first] = UInt8(ascii: "0")
      }
      var rest = mantissa
      var position = 0
      repeat {
        if position == fractionDigits, position > 0 {
          first -= 1
          text[first] = UInt8(ascii: ".")
        }
        first -= 1
        text[first] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
        position += 1
      } while rest > 0 || position <= fractionDigits
      if negative {
        first -= 1
        text[first] = UInt8(ascii: "-")
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[first...]))
    }
  }

  public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
  public mutating func null() { raw("null") }

  private mutating func raw(_ text: String) {
    separate()
    bytes.append(contentsOf: text.utf8)
    needsComma = true
  }

  private mutating func open(_ bracket: UInt8) {
    separate()
    bytes.append(bracket)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    bytes.append(bracket)
    needsComma = true
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  /// RFC 8259 §7: a quoted string escaping `"`, `\` and the control characters U+0000–U+001F
  /// (short forms where JSON has them, else `\u00XX`). Swift strings hold only scalar values, so
  /// no lone surrogate can reach the output.
  private mutating func appendQuoted(_ text: String) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
      case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x00..<0x20:
        bytes.append(contentsOf: "\\u00".utf8)
        Hex.append(UInt64(byte), digits: 2, to: &bytes)
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}

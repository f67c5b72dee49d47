/// A small streaming JSON writer (RFC 8259) for log lines and segment documents: it appends
/// UTF-8 straight into one buffer and places commas and colons itself. The caller pairs
/// `begin…`/`end…` calls and names a `key` before each value inside an object.
public struct JSONWriter: Sendable {
  /// The document written so far.
  public private(set) var bytes: [UInt8] = []
  /// Whether the next value or key needs a comma before it (a sibling came before it).
  private var needsComma = false

  public init() {}

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
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var first = digits.count
      repeat {
        first -= 1
        digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeMutableBufferPointer(rebasing: digits[first...]))
    }
    needsComma = true
  }

  /// A finite double in the shortest form that reads back to the same value (Swift's
  /// `description`, which RFC 8259 §6 accepts: `1.5`, `1e-05`, `1e+20`); NaN and infinities,
  /// which JSON cannot express, become `null`.
  public mutating func double(_ value: Double) {
    value.isFinite ? raw(value.description) : null()
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

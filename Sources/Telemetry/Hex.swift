/// Fixed-width hexadecimal reading and writing for trace and span ids (W3C Trace Context §3.2.2,
/// X-Ray trace ids): no allocation beyond the result string.
enum Hex {
  /// Which letter cases a parser accepts: W3C ids are lowercase only (§3.2.2.3), X-Ray ids either.
  enum Case { case lower, any }

  /// The value of `count` hex digits of `text` starting at `start`, or `nil` for a non-hex digit
  /// or a short input. At most 16 digits (one `UInt64`).
  static func value(_ text: some Collection<UInt8>, from start: Int, count: Int, case letters: Case)
    -> UInt64?
  {
    guard start >= 0, count <= 16, text.count >= start + count else { return nil }
    var result: UInt64 = 0
    for byte in text.dropFirst(start).prefix(count) {
      guard let digit = digit(byte, case: letters) else { return nil }
      result = result << 4 | UInt64(digit)
    }
    return result
  }

  static func digit(_ byte: UInt8, case letters: Case) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F") where letters == .any: byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  /// Digit `index` (0 = most significant) of the low `count` hex digits of `value`, lowercase.
  private static func digit(_ index: Int, of value: UInt64, digits count: Int) -> UInt8 {
    let alphabet: StaticString = "0123456789abcdef"
    return alphabet.utf8Start[Int((value >> UInt64((count - 1 - index) * 4)) & 0xF)]
  }

  /// Appends the low `count` hex digits of `value`, lowercase, most significant first.
  static func append(_ value: UInt64, digits count: Int, to bytes: inout [UInt8]) {
    for index in 0..<count { bytes.append(digit(index, of: value, digits: count)) }
  }

  /// Writes the same digits into `buffer` from `offset`; returns the offset after them.
  static func write(
    _ value: UInt64, digits count: Int, into buffer: UnsafeMutableBufferPointer<UInt8>,
    at offset: Int
  ) -> Int {
    for index in 0..<count { buffer[offset + index] = digit(index, of: value, digits: count) }
    return offset + count
  }

  /// `value` as `count` lowercase hex digits.
  static func string(_ value: UInt64, digits count: Int) -> String {
    String(unsafeUninitializedCapacity: count) { write(value, digits: count, into: $0, at: 0) }
  }
}

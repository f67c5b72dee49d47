extension Array where Element == UInt8 {
  /// Appends a non-negative integer's decimal digits without building a String.
  mutating func appendDecimal(_ value: Int) {
    var rest = Swift.max(value, 0)
    var divisor = 1
    while rest / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      append(UInt8(ascii: "0") + UInt8(rest / divisor))
      rest %= divisor
      divisor /= 10
    }
  }

  /// Appends text's UTF-8 bytes.
  mutating func append(text: String) {
    var text = text
    text.withUTF8 { append(contentsOf: $0) }
  }

  /// Appends a literal's bytes with one copy (no walk over a `String.UTF8View`): the fixed
  /// pieces of the heads the proxy writes per request.
  @inline(__always)
  mutating func append(literal: StaticString) {
    append(
      contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// Appends the bytes at `range` of `head` with one copy (a part of a received head: a
  /// target, a reason phrase, a whole head).
  @inline(__always)
  mutating func append(_ range: Range<Int>, of head: UnsafeRawBufferPointer) {
    append(
      contentsOf: UnsafeRawBufferPointer(rebasing: head[range]).assumingMemoryBound(to: UInt8.self))
  }
}

import Glibc

/// A growable byte buffer written through raw pointers, for the hot path: records are
/// serialized here as JSON lines without per-byte bounds and uniqueness checks. It is owned by
/// one thread at a time (not Sendable) and frees its memory on deinit.
final class ByteBuffer {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var count = 0
  private var capacity: Int
  /// The last double written and its text (a batch shares one timestamp).
  private var lastDouble: Double = .nan
  private var lastDoubleText: [UInt8] = []

  init(capacity: Int = 4096) {
    self.capacity = max(64, capacity)
    base = .allocate(capacity: self.capacity)
  }

  deinit { base.deallocate() }

  var isEmpty: Bool { count == 0 }

  /// The bytes written so far (valid until the next write).
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  func removeAll() { count = 0 }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    grow(count + extra)
  }

  private func grow(_ needed: Int) {
    var newCapacity = capacity * 2
    while newCapacity < needed { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  @inline(__always)
  func append(_ source: UnsafeBufferPointer<UInt8>) {
    guard let start = source.baseAddress, source.count > 0 else { return }
    reserve(source.count)
    (base + count).update(from: start, count: source.count)
    count += source.count
  }

  func append(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  func append(_ other: ByteBuffer, from offset: Int) {
    append(UnsafeBufferPointer(rebasing: other.bytes[offset...]))
  }

  /// A decimal integer.
  func appendInteger(_ value: Int64) {
    reserve(20)
    var magnitude = value.magnitude
    if value < 0 {
      base[count] = UInt8(ascii: "-")
      count += 1
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let written = withUnsafeMutableBytes(of: &digits) { scratch -> Int in
      var index = scratch.count
      repeat {
        index -= 1
        scratch[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      let length = scratch.count - index
      (base + count).update(
        from: scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + index, count: length)
      return length
    }
    count += written
  }

  /// A double in Swift's shortest round-trip form; non-finite values as `null` (JSON has none).
  func appendDouble(_ value: Double) {
    guard value.isFinite else { return append("null") }
    if value.bitPattern != lastDouble.bitPattern {
      lastDouble = value
      lastDoubleText = Array(value.description.utf8)
    }
    lastDoubleText.withUnsafeBufferPointer { append($0) }
  }

  /// RFC 8259 §7: `text` quoted, with `"`, `\` and U+0000–U+001F escaped. Eight bytes are
  /// checked at a time; runs without anything to escape are copied in one go.
  func appendQuoted(_ text: String) {
    var text = text
    text.withUTF8 { appendQuoted($0) }
  }

  func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
    let length = utf8.count
    reserve(length + 2)
    base[count] = UInt8(ascii: "\"")
    count += 1
    guard let start = utf8.baseAddress else { return append(UInt8(ascii: "\"")) }
    var runStart = 0
    var position = 0
    while position < length {
      // Whole words first; a last partial word is padded with a harmless byte.
      let remaining = length - position
      var word: UInt64 = 0x4141_4141_4141_4141
      if remaining >= 8 {
        word = UnsafeRawPointer(start + position).loadUnaligned(as: UInt64.self)
      } else {
        withUnsafeMutableBytes(of: &word) {
          $0.baseAddress!.copyMemory(from: start + position, byteCount: remaining)
        }
      }
      guard Self.wordNeedsEscape(word) else {
        position += min(8, remaining)
        continue
      }
      let end = position + min(8, remaining)
      while position < end {
        let byte = start[position]
        if byte < 0x20 || byte == 0x22 || byte == 0x5C {
          append(UnsafeBufferPointer(start: start + runStart, count: position - runStart))
          appendEscape(byte)
          runStart = position + 1
        }
        position += 1
      }
    }
    append(UnsafeBufferPointer(start: start + runStart, count: length - runStart))
    append(UInt8(ascii: "\""))
  }

  /// Whether any byte of `word` is `"`, `\` or below 0x20 (the "has zero byte" bit trick).
  @inline(__always)
  static func wordNeedsEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
    let below = (word &- ones &* 0x20) & ~word & highs
    return below != 0 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
  }

  private func appendEscape(_ byte: UInt8) {
    reserve(6)
    base[count] = UInt8(ascii: "\\")
    count += 1
    switch byte {
    case 0x22, 0x5C: append(byte)
    case 0x0A: append(UInt8(ascii: "n"))
    case 0x0D: append(UInt8(ascii: "r"))
    case 0x09: append(UInt8(ascii: "t"))
    default:
      let digits: StaticString = "0123456789abcdef"
      append("u00")
      append(digits.utf8Start[Int(byte >> 4)])
      append(digits.utf8Start[Int(byte & 0xF)])
    }
  }

  /// A value as compact JSON (RFC 8259).
  func appendJSON(_ value: LogValue) {
    switch value {
    case .string(let text): appendQuoted(text)
    case .integer(let number): appendInteger(number)
    case .double(let number): appendDouble(number)
    case .bool(let flag): append(flag ? "true" : "false")
    case .null: append("null")
    case .map(let fields): appendObject(fields)
    case .array(let values):
      append(UInt8(ascii: "["))
      for (position, element) in values.enumerated() {
        if position > 0 { append(UInt8(ascii: ",")) }
        appendJSON(element)
      }
      append(UInt8(ascii: "]"))
    }
  }

  func appendObject(_ fields: [LogField]) {
    append(UInt8(ascii: "{"))
    for (position, field) in fields.enumerated() {
      if position > 0 { append(UInt8(ascii: ",")) }
      appendQuoted(field.key)
      append(UInt8(ascii: ":"))
      appendJSON(field.value)
    }
    append(UInt8(ascii: "}"))
  }

  /// A record as one JSON line: `{"date":<epoch seconds>,<fields…>}\n` (Fluent Bit's
  /// `json_lines` format with its default `json_date_key`).
  func appendJSONLine(_ record: LogRecord) {
    append("{\"date\":")
    appendDouble(record.timestamp)
    for field in record.fields {
      append(UInt8(ascii: ","))
      appendQuoted(field.key)
      append(UInt8(ascii: ":"))
      appendJSON(field.value)
    }
    append("}\n")
  }
}

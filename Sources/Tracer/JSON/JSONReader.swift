import Telemetry

/// The cursor ``JSONParser`` walks a buffer with: one method per RFC 8259 production.
struct JSONReader {
  let bytes: UnsafeBufferPointer<UInt8>
  let maximumDepth: Int
  var offset = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
    self.bytes = bytes
    self.maximumDepth = maximumDepth
  }

  var atEnd: Bool { offset >= bytes.count }

  /// RFC 8259 §2: space, tab, line feed, carriage return.
  mutating func skipWhitespace() {
    while offset < bytes.count {
      switch bytes[offset] {
      case 0x20, 0x09, 0x0A, 0x0D: offset += 1
      default: return
      }
    }
  }

  func peek() throws(JSONParseError) -> UInt8 {
    guard offset < bytes.count else { throw JSONParseError(.unexpectedEnd, at: offset) }
    return bytes[offset]
  }

  mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
    switch try peek() {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw JSONParseError(.unexpectedByte, at: offset)
    }
  }

  mutating func literal(_ word: StaticString, _ result: JSONValue) throws(JSONParseError)
    -> JSONValue
  {
    let count = word.utf8CodeUnitCount
    guard offset + count <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: offset) }
    for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
      throw JSONParseError(.unexpectedByte, at: offset + index)
    }
    offset += count
    return result
  }

  private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= maximumDepth else { throw JSONParseError(.tooDeep, at: offset) }
    offset += 1
    var members: [(key: String, value: JSONValue)] = []
    skipWhitespace()
    if try peek() == UInt8(ascii: "}") {
      offset += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard try peek() == UInt8(ascii: "\"") else {
        throw JSONParseError(.unexpectedByte, at: offset)
      }
      let key = try string()
      skipWhitespace()
      guard try peek() == UInt8(ascii: ":") else {
        throw JSONParseError(.unexpectedByte, at: offset)
      }
      offset += 1
      skipWhitespace()
      members.append((key, try value(depth: depth + 1)))
      skipWhitespace()
      switch try peek() {
      case UInt8(ascii: ","): offset += 1
      case UInt8(ascii: "}"):
        offset += 1
        return .object(members)
      default: throw JSONParseError(.unexpectedByte, at: offset)
      }
    }
  }

  private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
    guard depth <= maximumDepth else { throw JSONParseError(.tooDeep, at: offset) }
    offset += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if try peek() == UInt8(ascii: "]") {
      offset += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try value(depth: depth + 1))
      skipWhitespace()
      switch try peek() {
      case UInt8(ascii: ","): offset += 1
      case UInt8(ascii: "]"):
        offset += 1
        return .array(elements)
      default: throw JSONParseError(.unexpectedByte, at: offset)
      }
    }
  }

  /// RFC 8259 §6: a number, with its text as written.
  private mutating func number() throws(JSONParseError) -> JSONValue {
    let start = offset
    let value = try numberValue()
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    return .number(value, text: text)
  }

  /// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, refused when not
  /// finite. Timestamps and counts (at most 2^53 as digits, at most 22 of them after the point,
  /// no exponent) are converted without `strtod`: one division of two exact doubles is
  /// correctly rounded (Clinger's fast path), so the result is the one `strtod` gives.
  mutating func numberValue() throws(JSONParseError) -> Double {
    let start = offset
    let negative = bytes[offset] == UInt8(ascii: "-")
    if negative { offset += 1 }
    guard offset < bytes.count else { throw JSONParseError(.invalidNumber, at: start) }
    var mantissa: UInt64 = 0
    var exact = true
    if bytes[offset] == UInt8(ascii: "0") {
      offset += 1
    } else {
      guard digits(into: &mantissa, exact: &exact) > 0 else {
        throw JSONParseError(.invalidNumber, at: start)
      }
    }
    var fractionDigits = 0
    if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
      offset += 1
      fractionDigits = digits(into: &mantissa, exact: &exact)
      guard fractionDigits > 0 else { throw JSONParseError(.invalidNumber, at: start) }
    }
    if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
      exact = false
      offset += 1
      if offset < bytes.count,
        bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-")
      {
        offset += 1
      }
      guard digits(into: &mantissa, exact: &exact) > 0 else {
        throw JSONParseError(.invalidNumber, at: start)
      }
    }
    if exact, fractionDigits < Double.exactPowersOfTen.count {
      let magnitude = Double(mantissa) / Double.exactPowersOfTen[fractionDigits]
      return negative ? -magnitude : magnitude
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw JSONParseError(.invalidNumber, at: start)
    }
    return value
  }

  /// Skips decimal digits, accumulating them into `mantissa` while it stays at most 2^53
  /// (`exact` turns false past that); returns how many there were.
  private mutating func digits(into mantissa: inout UInt64, exact: inout Bool) -> Int {
    let start = offset
    while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
      if exact {
        let (times10, overflow) = mantissa.multipliedReportingOverflow(by: 10)
        let next = times10 &+ UInt64(bytes[offset] - UInt8(ascii: "0"))
        if overflow || next > 1 << 53 { exact = false } else { mantissa = next }
      }
      offset += 1
    }
    return offset - start
  }

  /// RFC 8259 §7: no raw control characters, the short escapes and `\uXXXX` (surrogate pairs
  /// joined, lone surrogates refused); the result must be valid UTF-8 (§8.1).
  mutating func string() throws(JSONParseError) -> String {
    let start = offset
    offset += 1
    let contentStart = offset
    // Fast path: no escapes; pure ASCII needs no UTF-8 validation.
    var ascii = true
    while offset < bytes.count {
      let byte = bytes[offset]
      if byte == UInt8(ascii: "\"") {
        let slice = UnsafeBufferPointer(rebasing: bytes[contentStart..<offset])
        offset += 1
        if ascii { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
          throw JSONParseError(.invalidString, at: start)
        }
        return text
      }
      ascii = ascii && byte < 0x80
      if byte == UInt8(ascii: "\\") { break }
      guard byte >= 0x20 else { throw JSONParseError(.invalidString, at: offset) }
      offset += 1
    }
    var decoded = Array(UnsafeBufferPointer(rebasing: bytes[contentStart..<offset]))
    while true {
      guard offset < bytes.count else { throw JSONParseError(.unexpectedEnd, at: offset) }
      let byte = bytes[offset]
      switch byte {
      case UInt8(ascii: "\""):
        offset += 1
        guard let text = String(validating: decoded, as: UTF8.self) else {
          throw JSONParseError(.invalidString, at: start)
        }
        return text
      case UInt8(ascii: "\\"):
        try escape(into: &decoded)
      case 0..<0x20:
        throw JSONParseError(.invalidString, at: offset)
      default:
        decoded.append(byte)
        offset += 1
      }
    }
  }

  private mutating func escape(into decoded: inout [UInt8]) throws(JSONParseError) {
    let start = offset
    offset += 1
    guard offset < bytes.count else { throw JSONParseError(.unexpectedEnd, at: offset) }
    let letter = bytes[offset]
    offset += 1
    switch letter {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
    case UInt8(ascii: "b"): decoded.append(0x08)
    case UInt8(ascii: "f"): decoded.append(0x0C)
    case UInt8(ascii: "n"): decoded.append(0x0A)
    case UInt8(ascii: "r"): decoded.append(0x0D)
    case UInt8(ascii: "t"): decoded.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hexQuad(at: start)
      if (0xD800..<0xDC00).contains(scalar) {
        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"),
          bytes[offset + 1] == UInt8(ascii: "u")
        else { throw JSONParseError(.invalidString, at: start) }
        offset += 2
        let low = try hexQuad(at: start)
        guard (0xDC00..<0xE000).contains(low) else {
          throw JSONParseError(.invalidString, at: start)
        }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else if (0xDC00..<0xE000).contains(scalar) {
        throw JSONParseError(.invalidString, at: start)
      }
      guard let unicode = Unicode.Scalar(scalar) else {
        throw JSONParseError(.invalidString, at: start)
      }
      decoded.append(contentsOf: String(unicode).utf8)
    default:
      throw JSONParseError(.invalidString, at: start)
    }
  }

  private mutating func hexQuad(at start: Int) throws(JSONParseError) -> UInt32 {
    guard offset + 4 <= bytes.count else { throw JSONParseError(.unexpectedEnd, at: offset) }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[offset]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw JSONParseError(.invalidString, at: start)
      }
      value = value << 4 | UInt32(digit)
      offset += 1
    }
    return value
  }
}

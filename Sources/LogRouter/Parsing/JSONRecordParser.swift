import Glibc

/// A JSON reader (RFC 8259) written for log lines: it walks the bytes once, builds strings
/// straight from UTF-8 runs (escapes decoded only where present) and bounds nesting depth,
/// so a hostile line cannot exhaust the stack.
public struct JSONRecordParser {
  /// Deepest nesting of objects and arrays accepted.
  public static let maxDepth = 64

  private let bytes: UnsafeBufferPointer<UInt8>
  private var position = 0

  private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  /// Parses a whole line that must be one JSON object (surrounding whitespace allowed).
  public static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>) throws(LogParseError)
    -> [LogField]
  {
    var parser = JSONRecordParser(bytes)
    parser.skipSpace()
    guard parser.peek() == UInt8(ascii: "{") else {
      throw LogParseError("expected a JSON object", at: parser.position)
    }
    let fields = try parser.object(depth: 1)
    try parser.expectEnd()
    return fields
  }

  /// Parses a whole text that must be one JSON value.
  public static func parseValue(_ bytes: UnsafeBufferPointer<UInt8>) throws(LogParseError)
    -> LogValue
  {
    var parser = JSONRecordParser(bytes)
    let value = try parser.value(depth: 0)
    try parser.expectEnd()
    return value
  }

  /// Parses `text` as one JSON value.
  public static func parseValue(_ text: String) throws(LogParseError) -> LogValue {
    var text = text
    return try text.withUTF8 { bytes in
      Result { () throws(LogParseError) in try parseValue(bytes) }
    }.get()
  }

  private mutating func expectEnd() throws(LogParseError) {
    skipSpace()
    guard position == bytes.count else {
      throw LogParseError("unexpected text after the JSON value", at: position)
    }
  }

  @inline(__always)
  private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

  @inline(__always)
  private mutating func skipSpace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  private mutating func value(depth: Int) throws(LogParseError) -> LogValue {
    skipSpace()
    guard let byte = peek() else { throw LogParseError("unexpected end of input", at: position) }
    switch byte {
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "{"): return .map(try object(depth: depth + 1))
    case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw LogParseError("unexpected character", at: position)
    }
  }

  private mutating func object(depth: Int) throws(LogParseError) -> [LogField] {
    guard depth <= Self.maxDepth else { throw LogParseError("nested too deeply", at: position) }
    position += 1
    var fields: [LogField] = []
    // A record's top level usually has a dozen members: one allocation instead of five.
    fields.reserveCapacity(depth == 1 ? 16 : 4)
    skipSpace()
    if peek() == UInt8(ascii: "}") {
      position += 1
      return fields
    }
    while true {
      skipSpace()
      guard peek() == UInt8(ascii: "\"") else {
        throw LogParseError("expected a member name", at: position)
      }
      let key = try string()
      skipSpace()
      guard peek() == UInt8(ascii: ":") else { throw LogParseError("expected ':'", at: position) }
      position += 1
      let member = try value(depth: depth)
      // A repeated name: the last one wins, in the first one's place.
      if let earlier = fields.firstIndex(where: { $0.key == key }) {
        fields[earlier].value = member
      } else {
        fields.append(LogField(key, member))
      }
      skipSpace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        return fields
      default: throw LogParseError("expected ',' or '}'", at: position)
      }
    }
  }

  private mutating func array(depth: Int) throws(LogParseError) -> [LogValue] {
    guard depth <= Self.maxDepth else { throw LogParseError("nested too deeply", at: position) }
    position += 1
    var values: [LogValue] = []
    skipSpace()
    if peek() == UInt8(ascii: "]") {
      position += 1
      return values
    }
    while true {
      values.append(try value(depth: depth))
      skipSpace()
      switch peek() {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        return values
      default: throw LogParseError("expected ',' or ']'", at: position)
      }
    }
  }

  private mutating func literal(_ word: StaticString) throws(LogParseError) {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count,
      memcmp(bytes.baseAddress! + position, word.utf8Start, count) == 0
    else { throw LogParseError("invalid literal", at: position) }
    position += count
  }

  /// RFC 8259 §6: `-? int frac? exp?`; integers that fit stay `Int64`.
  private mutating func number() throws(LogParseError) -> LogValue {
    let start = position
    var isInteger = true
    if peek() == UInt8(ascii: "-") { position += 1 }
    let digitsStart = position
    while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
    guard position > digitsStart else { throw LogParseError("invalid number", at: start) }
    if bytes[digitsStart] == UInt8(ascii: "0"), position - digitsStart > 1 {
      throw LogParseError("leading zero in number", at: start)
    }
    if peek() == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      let fractionStart = position
      while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        position += 1
      }
      guard position > fractionStart else { throw LogParseError("invalid number", at: start) }
    }
    if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
      isInteger = false
      position += 1
      if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
      let exponentStart = position
      while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
        position += 1
      }
      guard position > exponentStart else { throw LogParseError("invalid number", at: start) }
    }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
    if isInteger, text.count <= 18 {
      var value: Int64 = 0
      for byte in text where byte != UInt8(ascii: "-") { value = value * 10 + Int64(byte - 48) }
      return .integer(text[0] == UInt8(ascii: "-") ? -value : value)
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)) else {
      throw LogParseError("invalid number", at: start)
    }
    return .double(value)
  }

  /// RFC 8259 §7: a string; control characters must be escaped, `\uXXXX` pairs decode to
  /// one scalar, a lone surrogate becomes U+FFFD.
  private mutating func string() throws(LogParseError) -> String {
    position += 1
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
      if byte < 0x20 { throw LogParseError("control character in string", at: position) }
      position += 1
    }
    throw LogParseError("unterminated string", at: start - 1)
  }

  private mutating func escapedString(from start: Int) throws(LogParseError) -> String {
    var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard let escape = peek() else { break }
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
          let scalar = try unicodeEscape()
          utf8.append(contentsOf: String(Character(scalar)).utf8)
        default: throw LogParseError("invalid escape", at: position - 2)
        }
      default:
        if byte < 0x20 { throw LogParseError("control character in string", at: position - 1) }
        utf8.append(byte)
      }
    }
    throw LogParseError("unterminated string", at: start - 1)
  }

  /// The scalar of `\uXXXX` (the `\u` already read), joining a surrogate pair.
  private mutating func unicodeEscape() throws(LogParseError) -> Unicode.Scalar {
    let high = try hex4()
    if (0xD800..<0xDC00).contains(high), position + 1 < bytes.count,
      bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
    {
      let save = position
      position += 2
      let low = try hex4()
      if (0xDC00..<0xE000).contains(low) {
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
      }
      position = save
    }
    return Unicode.Scalar(high) ?? "\u{FFFD}"
  }

  private mutating func hex4() throws(LogParseError) -> UInt32 {
    guard position + 4 <= bytes.count else {
      throw LogParseError("invalid \\u escape", at: position)
    }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - 48
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - 87
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - 55
      default: throw LogParseError("invalid \\u escape", at: position)
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }
}

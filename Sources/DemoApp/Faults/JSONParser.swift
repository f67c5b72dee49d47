/// A small, bounded JSON reader (RFC 8259) for control request bodies: at most `maxDepth`
/// levels of nesting and the size of the input it is given (the route bounds the body).
/// Duplicate object keys are refused rather than silently collapsed.
public struct JSONParser {
  /// Why a document could not be read, with the byte offset.
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
  }

  private let bytes: [UInt8]
  private var position = 0
  private let maxDepth: Int

  /// Parses one whole document.
  public static func parse(_ bytes: [UInt8], maxDepth: Int = 16) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.position == bytes.count else { throw parser.failure("trailing characters") }
    return value
  }

  private init(bytes: [UInt8], maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  private func failure(_ reason: String) -> Failure { Failure(offset: position, reason: reason) }

  private mutating func skipSpace() {
    while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
      position += 1
    }
  }

  private mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard depth <= maxDepth else { throw failure("nested deeper than \(maxDepth)") }
    skipSpace()
    guard position < bytes.count else { throw failure("unexpected end") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    default: return .number(try number())
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    let expected = Array(word.utf8)
    guard bytes.count - position >= expected.count,
      Array(bytes[position..<position + expected.count]) == expected
    else { throw failure("expected \(word)") }
    position += expected.count
  }

  private mutating func object(depth: Int) throws(Failure) -> JSONValue {
    position += 1
    var members: [String: JSONValue] = [:]
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw failure("expected a key")
      }
      let key = try string()
      guard members[key] == nil else { throw failure("duplicate key \(key)") }
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
        throw failure("expected ':'")
      }
      position += 1
      members[key] = try value(depth: depth + 1)
      skipSpace()
      guard position < bytes.count else { throw failure("unexpected end") }
      if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      guard bytes[position] == UInt8(ascii: ",") else { throw failure("expected ',' or '}'") }
      position += 1
    }
  }

  private mutating func array(depth: Int) throws(Failure) -> JSONValue {
    position += 1
    var elements: [JSONValue] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      elements.append(try value(depth: depth + 1))
      skipSpace()
      guard position < bytes.count else { throw failure("unexpected end") }
      if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      guard bytes[position] == UInt8(ascii: ",") else { throw failure("expected ',' or ']'") }
      position += 1
    }
  }

  /// RFC 8259 §7: a quoted string with escapes; control characters must be escaped.
  private mutating func string() throws(Failure) -> String {
    position += 1
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
      raw.removeAll(keepingCapacity: true)
    }
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        flush()
        guard position < bytes.count else { throw failure("unexpected end") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
        default: throw failure("bad escape")
        }
      case 0..<0x20:
        throw failure("control character in string")
      default:
        raw.append(byte)
      }
    }
    throw failure("unterminated string")
  }

  /// `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD.
  private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
    let first = try hexQuad()
    if (0xD800..<0xDC00).contains(first), bytes.count - position >= 6,
      bytes[position] == UInt8(ascii: "\\"),
      bytes[position + 1] == UInt8(ascii: "u")
    {
      position += 2
      let second = try hexQuad()
      if (0xDC00..<0xE000).contains(second) {
        return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? "\u{FFFD}"
      }
    }
    return Unicode.Scalar(first) ?? "\u{FFFD}"
  }

  private mutating func hexQuad() throws(Failure) -> UInt32 {
    guard bytes.count - position >= 4 else { throw failure("short \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = hexDigit(bytes[position]) else { throw failure("bad \\u escape") }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// RFC 8259 §6: `-? int frac? exp?`, read as a Double.
  private mutating func number() throws(Failure) -> Double {
    let start = position
    func digits() -> Int {
      let from = position
      while position < bytes.count,
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
      { position += 1 }
      return position - from
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
    let integerDigits = digits()
    guard integerDigits > 0 else { throw failure("unexpected character") }
    guard integerDigits == 1 || bytes[position - integerDigits] != UInt8(ascii: "0") else {
      throw failure("leading zero")
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw failure("digits expected after '.'") }
    }
    if position < bytes.count,
      bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E")
    {
      position += 1
      if position < bytes.count,
        bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")
      {
        position += 1
      }
      guard digits() > 0 else { throw failure("digits expected in exponent") }
    }
    guard let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
      throw failure("bad number")
    }
    return value
  }
}

/// Reads the tokens of one line of the Prometheus text format.
struct PrometheusCursor {
  private let bytes: [UInt8]
  private var position = 0
  private let line: Int

  init(_ bytes: [UInt8], line: Int) {
    self.bytes = bytes
    self.line = line
  }

  var isAtEnd: Bool { position >= bytes.count }
  var peek: UInt8? { isAtEnd ? nil : bytes[position] }

  mutating func advance() { position += 1 }

  func error(_ message: String) -> PrometheusParseError {
    PrometheusParseError(line: line, message)
  }

  mutating func skipSpaces() {
    while let byte = peek, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
  }

  /// Bytes up to the next space or tab.
  mutating func word() -> String {
    let start = position
    while let byte = peek, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\t") { advance() }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// Bytes while `accept` holds.
  mutating func scan(while accept: (UInt8) -> Bool) -> String {
    let start = position
    while let byte = peek, accept(byte) { advance() }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  /// The rest of the line.
  mutating func rest() -> String {
    defer { position = bytes.count }
    return String(decoding: bytes[position...], as: UTF8.self)
  }

  /// `[a-zA-Z_:][a-zA-Z0-9_:]*`
  mutating func metricName() throws(PrometheusParseError) -> String {
    try identifier(allowColon: true, what: "metric name")
  }

  /// `[a-zA-Z_][a-zA-Z0-9_]*`
  mutating func labelName() throws(PrometheusParseError) -> String {
    try identifier(allowColon: false, what: "label name")
  }

  mutating func expect(_ byte: UInt8) throws(PrometheusParseError) {
    guard peek == byte else {
      throw error("expected '\(Character(Unicode.Scalar(byte)))'")
    }
    advance()
  }

  /// A double-quoted label value with the escapes `\\`, `\"` and `\n`.
  mutating func quotedValue() throws(PrometheusParseError) -> String {
    try expect(UInt8(ascii: "\""))
    var value: [UInt8] = []
    while let byte = peek {
      advance()
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: value, as: UTF8.self)
      case UInt8(ascii: "\\"):
        switch peek {
        case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
        case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
        default: throw error("invalid escape in a label value")
        }
        advance()
      default:
        value.append(byte)
      }
    }
    throw error("unterminated label value")
  }

  private mutating func identifier(allowColon: Bool, what: String) throws(PrometheusParseError)
    -> String
  {
    let start = position
    while let byte = peek, Self.isIdentifierByte(byte, first: position == start, colon: allowColon)
    {
      advance()
    }
    guard position > start else { throw error("expected a \(what)") }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  static func isIdentifierByte(_ byte: UInt8, first: Bool, colon: Bool) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "_"):
      true
    case UInt8(ascii: "0")...UInt8(ascii: "9"): !first
    case UInt8(ascii: ":"): colon
    default: false
    }
  }
}

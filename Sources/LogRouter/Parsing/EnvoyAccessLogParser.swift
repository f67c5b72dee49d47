/// Envoy's default access-log line (envoyproxy.io, "Default format string"), with the field
/// names of Fluent Bit's `envoy` parser:
///
/// `[start_time] "method path protocol" code response_flags bytes_received bytes_sent duration
/// x_envoy_upstream_service_time "x_forwarded_for" "user_agent" "request_id" "authority"
/// "upstream_host"`
///
/// Counts and durations become integers; Envoy prints `-` for an unset value, kept as `-`.
public enum EnvoyAccessLogParser {
  static let numericFields: Set<String> = [
    "code", "bytes_received", "bytes_sent", "duration", "x_envoy_upstream_service_time",
  ]
  static let bareFields = [
    "code", "response_flags", "bytes_received", "bytes_sent", "duration",
    "x_envoy_upstream_service_time",
  ]
  static let quotedFields = [
    "x_forwarded_for", "user_agent", "request_id", "authority", "upstream_host",
  ]

  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(LogParseError) -> [LogField]
  {
    var scanner = Scanner(bytes: bytes)
    var fields: [LogField] = []
    try scanner.expect(UInt8(ascii: "["))
    fields.append(LogField("start_time", .string(try scanner.until(UInt8(ascii: "]")))))
    try scanner.expect(UInt8(ascii: " "))
    try scanner.expect(UInt8(ascii: "\""))
    let requestLine = try scanner.until(UInt8(ascii: "\""))
    let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
    guard parts.count == 3 || (parts.count == 1 && parts[0] == "-") else {
      throw LogParseError("expected \"method path protocol\"", at: 1)
    }
    fields.append(LogField("method", .string(String(parts[0]))))
    fields.append(LogField("path", .string(parts.count == 3 ? String(parts[1]) : "-")))
    fields.append(LogField("protocol", .string(parts.count == 3 ? String(parts[2]) : "-")))
    for name in bareFields {
      try scanner.expect(UInt8(ascii: " "))
      let text = scanner.word()
      guard !text.isEmpty else { throw LogParseError("missing \(name)", at: scanner.position) }
      if numericFields.contains(name), let number = Int64(text) {
        fields.append(LogField(name, .integer(number)))
      } else {
        fields.append(LogField(name, .string(text)))
      }
    }
    for name in quotedFields {
      try scanner.expect(UInt8(ascii: " "))
      try scanner.expect(UInt8(ascii: "\""))
      fields.append(LogField(name, .string(try scanner.until(UInt8(ascii: "\"")))))
    }
    scanner.skipLineEnd()
    guard scanner.atEnd else {
      throw LogParseError("unexpected text after upstream_host", at: scanner.position)
    }
    return fields
  }

  /// A cursor over the line's bytes.
  struct Scanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func expect(_ byte: UInt8) throws(LogParseError) {
      guard position < bytes.count, bytes[position] == byte else {
        throw LogParseError("expected '\(Character(Unicode.Scalar(byte)))'", at: position)
      }
      position += 1
    }

    /// The text up to `terminator`, which is consumed.
    mutating func until(_ terminator: UInt8) throws(LogParseError) -> String {
      let start = position
      while position < bytes.count, bytes[position] != terminator { position += 1 }
      guard position < bytes.count else {
        throw LogParseError("expected '\(Character(Unicode.Scalar(terminator)))'", at: start)
      }
      defer { position += 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// The text up to the next space or the end.
    mutating func word() -> String {
      let start = position
      while position < bytes.count, bytes[position] != UInt8(ascii: " ") { position += 1 }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func skipLineEnd() {
      while position < bytes.count, bytes[position] == 0x0A || bytes[position] == 0x0D {
        position += 1
      }
    }
  }
}

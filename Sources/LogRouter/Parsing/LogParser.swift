/// The formats a line can be parsed with (Fluent Bit's parser `Format`): `json`, `logfmt`,
/// `regex` and Envoy's default access log (`envoy`, Fluent Bit's stock parser of that name).
public enum LogParser: Sendable {
  case json
  case logfmt
  case regex(RegexParser)
  case envoy

  /// The fields of one line (without its line break).
  public func parse(_ line: UnsafeBufferPointer<UInt8>) throws(LogParseError) -> [LogField] {
    switch self {
    case .json: try JSONRecordParser.parseObject(line)
    case .logfmt: try LogfmtParser.parse(line)
    case .regex(let parser): try parser.parse(String(decoding: line, as: UTF8.self))
    case .envoy: try EnvoyAccessLogParser.parse(line)
    }
  }

  /// The fields of `text`.
  public func parse(_ text: String) throws(LogParseError) -> [LogField] {
    var text = text
    return try text.withUTF8 { bytes in
      Result { () throws(LogParseError) in try parse(bytes) }
    }.get()
  }
}

import Testing

@testable import LogRouter

@Suite struct LogParserTests {
  @Test(arguments: [
    (#"{"a":1,"b":"x"}"#, [LogField("a", .integer(1)), LogField("b", .string("x"))]),
    (
      #" {"n":-2.5e1,"t":true,"f":false,"z":null} "#,
      [
        LogField("n", .double(-25)), LogField("t", .bool(true)), LogField("f", .bool(false)),
        LogField("z", .null),
      ]
    ),
    (
      #"{"m":{"k":[1,"two",{}]}}"#,
      [LogField("m", .map([LogField("k", .array([.integer(1), .string("two"), .map([])]))]))]
    ),
    (#"{"e":"a\"b\\c\n\u00e9\ud83d\ude00"}"#, [LogField("e", .string("a\"b\\c\n\u{E9}\u{1F600}"))]),
    (#"{"k":1,"k":2}"#, [LogField("k", .integer(2))]),
    (#"{"big":12345678901234567890}"#, [LogField("big", .double(12_345_678_901_234_567_168))]),
  ])
  func json_parsesObjects(line: String, expected: [LogField]) throws {
    #expect(try LogParser.json.parse(line) == expected)
  }

  @Test(arguments: [
    ("", 0), ("[1]", 0), (#"{"a":}"#, 5), (#"{"a":1"#, 6), (#"{"a":01}"#, 5), (#"{"a":"x"} y"#, 10),
    ("{\"a\":\"\u{01}\"}", 6), (#"{"a":tru}"#, 5), (#"{"a":"\x"}"#, 6),
  ])
  func json_rejectsMalformedLinesWithOffset(line: String, offset: Int) {
    #expect(throws: LogParseError.self) { try LogParser.json.parse(line) }
    do {
      _ = try LogParser.json.parse(line)
    } catch {
      #expect(error.offset == offset, "\(line): \(error)")
    }
  }

  @Test func json_boundsNestingDepth() {
    let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(throws: LogParseError.self) { try LogParser.json.parse(#"{"a":\#(deep)}"#) }
  }

  @Test(arguments: [
    (
      #"level=info msg="hello \"you\"" took=12ms debug"#,
      [
        LogField("level", .string("info")), LogField("msg", .string(#"hello "you""#)),
        LogField("took", .string("12ms")), LogField("debug", .bool(true)),
      ]
    ),
    ("a= b=1", [LogField("a", .string("")), LogField("b", .string("1"))]),
  ])
  func logfmt_parsesPairs(line: String, expected: [LogField]) throws {
    #expect(try LogParser.logfmt.parse(line) == expected)
  }

  @Test(arguments: ["", #"a="open"#, #"x"y=1"#])
  func logfmt_rejectsBadLines(line: String) {
    #expect(throws: LogParseError.self) { try LogParser.logfmt.parse(line) }
  }

  @Test func regex_namedGroupsBecomeFields() throws {
    let parser = LogParser.regex(
      try RegexParser(pattern: #"^(?<host>\S+) (?<verb>[A-Z]+) (?<code>\d+)"#))
    #expect(
      try parser.parse("10.0.0.1 GET 503 extra")
        == [
          LogField("host", .string("10.0.0.1")), LogField("verb", .string("GET")),
          LogField("code", .string("503")),
        ])
    #expect(throws: LogParseError.self) { try parser.parse("nothing here") }
  }

  @Test func regex_refusesPatternsWithoutNamesOrInvalid() {
    #expect(throws: LogParseError.self) { try RegexParser(pattern: #"\d+"#) }
    #expect(throws: LogParseError.self) { try RegexParser(pattern: #"(?<a>[unclosed"#) }
  }

  @Test func envoy_parsesTheDefaultFormat() throws {
    let line =
      #"[2026-11-28T08:00:00.123Z] "GET /color HTTP/1.1" 503 UF,URX 0 91 1500 - "10.0.0.9" "curl/8.0" "4f1c-77" "swan:8080" "127.0.0.1:9001""#
    let fields = try LogParser.envoy.parse(line)
    #expect(
      fields.map(\.key) == [
        "start_time", "method", "path", "protocol", "code", "response_flags", "bytes_received",
        "bytes_sent", "duration", "x_envoy_upstream_service_time", "x_forwarded_for", "user_agent",
        "request_id", "authority", "upstream_host",
      ])
    let record = LogRecord(tag: "t", timestamp: 0, fields: fields)
    #expect(record["start_time"] == .string("2026-11-28T08:00:00.123Z"))
    #expect(record["path"] == .string("/color"))
    #expect(record["code"] == .integer(503))
    #expect(record["response_flags"] == .string("UF,URX"))
    #expect(record["duration"] == .integer(1500))
    #expect(record["x_envoy_upstream_service_time"] == .string("-"))
    #expect(record["user_agent"] == .string("curl/8.0"))
    #expect(record["upstream_host"] == .string("127.0.0.1:9001"))
  }

  @Test(arguments: [
    #"GET /color HTTP/1.1 200"#,
    #"[t] "GET /x HTTP/1.1" 200 - 0 1 2 3 "a" "b" "c" "d""#,
    #"[t] "GET /x HTTP/1.1" 200 - 0 1 2 3 "a" "b" "c" "d" "e" trailing"#,
  ])
  func envoy_rejectsOtherLines(line: String) {
    #expect(throws: LogParseError.self) { try LogParser.envoy.parse(line) }
  }

  @Test func record_roundTripsThroughAJSONLine() throws {
    let record = LogRecord(
      tag: "app", timestamp: 1_700_000_000.25,
      fields: [
        LogField("log", .string("a \"quoted\"\tline\u{1}")), LogField("n", .integer(3)),
        LogField("m", .map([LogField("x", .array([.bool(true), .null, .double(1.5)]))])),
      ])
    var bytes: [UInt8] = []
    record.appendJSONLine(to: &bytes)
    #expect(bytes.last == 0x0A)
    #expect(try LogRecord.fromJSONLine(bytes[...], tag: "app") == record)
  }
}

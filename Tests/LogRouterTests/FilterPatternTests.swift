import Testing

@testable import LogRouter

@Suite struct FilterPatternTests {
  static let message = #"2026-11-28 ERROR swan: upstream connect failed (503) after 1500 ms"#
  static let record: [LogField] = [
    LogField("level", .string("ERROR")), LogField("status", .integer(503)),
    LogField("duration_ms", .double(1500.5)), LogField("path", .string("/color/blue")),
    LogField("user", .null), LogField("cached", .bool(false)),
    LogField("http", .map([LogField("headers", .array([.string("a"), .string("b")]))])),
    LogField("code_text", .string("404")),
  ]

  @Test(arguments: [
    ("", true), ("\"\"", true), ("ERROR", true), ("error", false), ("ERROR swan", true),
    ("ERROR unicorn", false), (#""connect failed""#, true), (#""failed connect""#, false),
    ("?WARN ?ERROR", true), ("?WARN ?DEBUG", false), ("ERROR -swan", false),
    ("ERROR -unicorn", true),
    (#"-"after 1500""#, false), ("?WARN ERROR", false), ("?ERROR swan", true), ("(503)", true),
  ])
  func terms_matchTheMessage(pattern: String, expected: Bool) throws {
    let parsed = try FilterPattern(pattern)
    #expect(parsed.matches(message: Self.message) { Self.record } == expected, "\(pattern)")
  }

  @Test(arguments: [
    ("{ $.status = 503 }", true), ("{ $.status = 500 }", false), ("{ $.status != 500 }", true),
    ("{ $.duration_ms > 1000 }", true), ("{ $.duration_ms >= 1500.5 }", true),
    ("{ $.duration_ms < 1000 }", false), ("{ $.duration_ms <= 1500 }", false),
    (#"{ $.level = "ERROR" }"#, true), ("{ $.level = ERROR }", true),
    (#"{ $.level = "ERR*" }"#, true),
    (#"{ $.level = "WARN" }"#, false), (#"{ $.path = "/color/*" }"#, true),
    (#"{ $.path != "/color/*" }"#, false),
    ("{ $.missing = 1 }", false), ("{ $.missing != 1 }", false),
    ("{ $.status = 503 && $.level = ERROR }", true),
    ("{ $.status = 500 && $.level = ERROR }", false),
    ("{ $.status = 500 || $.level = ERROR }", true),
    ("{ ($.status = 500 || $.status = 503) && $.cached IS FALSE }", true),
    ("{ $.user IS NULL }", true), ("{ $.level IS NULL }", false), ("{ $.user EXISTS }", true),
    ("{ $.nothing NOT EXISTS }", true), ("{ $.status NOT EXISTS }", false),
    (#"{ $.http.headers[1] = "b" }"#, true), (#"{ $.http.headers[2] = "b" }"#, false),
    ("{ $.code_text = 404 }", true), ("{ $.http = 1 }", false),
  ])
  func json_matchesTheRecord(pattern: String, expected: Bool) throws {
    let parsed = try FilterPattern(pattern)
    #expect(parsed.matches(message: Self.message) { Self.record } == expected, "\(pattern)")
  }

  @Test func json_needsAParsableRecord() throws {
    #expect(!(try FilterPattern("{ $.status EXISTS }")).matches(message: "x") { nil })
  }

  @Test(arguments: [
    (#""unterminated"#, 0), ("{ $.status = 503", 16), ("{ status = 503 }", 2),
    ("{ $.status ~ 503 }", 11),
    ("{ $.a > \"x\" }", 8), ("{ $. = 1 }", 4), ("{ $.a[x] = 1 }", 6), ("{ $.a = 1 } trailing", 12),
    ("{ $.a NOT THERE }", 6), ("{ $.a IS MAYBE }", 9), ("ERROR ?", 6), ("{ ($.a = 1 }", 11),
    ("{ $.a = }", 8),
    ("ab{c", 2),
  ])
  func errors_carryThePosition(pattern: String, position: Int) {
    do {
      _ = try FilterPattern(pattern)
      Issue.record("accepted \(pattern)")
    } catch {
      #expect(error.position == position, "\(pattern): \(error)")
    }
  }

  @Test(arguments: [
    ("ERROR swan", #""ERROR" AND "swan""# as String?), ("?WARN ?ERROR", #"("WARN" OR "ERROR")"#),
    ("ab -ERROR", nil), ("?ab ?ERROR", nil), ("{ $.a = 1 }", nil),
    (#""say \"hi\"""#, #""say ""hi""""#),
  ])
  func fullTextQuery_onlyNarrows(pattern: String, expected: String?) throws {
    #expect(try FilterPattern(pattern).fullTextQuery == expected)
  }
}

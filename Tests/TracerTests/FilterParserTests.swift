import Telemetry
import Testing

@testable import Tracer

@Suite struct FilterParserTests {
  @Test(arguments: [
    ("responsetime > 5", FilterExpression.comparison(.responseTime, .greater, .int(5))),
    (
      "duration >= 5 AND duration <= 8",
      .and(
        .comparison(.duration, .greaterOrEqual, .int(5)),
        .comparison(.duration, .lessOrEqual, .int(8)))
    ),
    ("service(\"unicorn\") { fault }", .service("unicorn", .flag(.fault))),
    ("edge(\"swan\", \"unicorn\") { error }", .edge("swan", "unicorn", .flag(.error))),
    ("http.status = 503", .comparison(.httpStatus, .equal, .int(503))),
    ("annotation.tier = \"gold\"", .comparison(.annotation("tier"), .equal, .string("gold"))),
    ("http.url CONTAINS \"/api\"", .comparison(.httpURL, .contains, .string("/api"))),
    ("http.method beginswith \"PO\"", .comparison(.httpMethod, .beginsWith, .string("PO"))),
    (
      "NOT fault OR error AND throttle",
      .or(.not(.flag(.fault)), .and(.flag(.error), .flag(.throttle)))
    ),
    ("(fault OR error) AND ok", .and(.or(.flag(.fault), .flag(.error)), .flag(.ok))),
    ("service(\"x\")", .service("x", nil)),
    ("annotation.n != 2.5", .comparison(.annotation("n"), .notEqual, .double(2.5))),
    ("annotation.b = true", .comparison(.annotation("b"), .equal, .bool(true))),
    (
      "service(\"u\") { fault OR responsetime > 1 }",
      .service("u", .or(.flag(.fault), .comparison(.responseTime, .greater, .int(1))))
    ),
  ])
  func parse_readsValidExpressions(text: String, expected: FilterExpression) throws {
    #expect(try FilterParser.parse(text) == expected)
  }

  @Test(arguments: [
    ("responsetime >", 14), ("responsetime > \"slow\"", 15), ("foo = 1", 0),
    ("service(unicorn)", 8), ("edge(\"a\") { fault }", 8), ("(fault", 6), ("fault )", 6),
    ("http.status == 5", 12), ("http.url = 5", 11), ("duration CONTAINS 5", 9),
    ("fault AND", 9), ("annotation.x = \"open", 15), ("fault $", 6),
    ("service(\"a\") { fault", 20),
  ])
  func parse_rejectsWithPosition(text: String, position: Int) {
    do {
      _ = try FilterParser.parse(text)
      Issue.record("\(text) parsed")
    } catch {
      #expect(error.position == position, "\(text): \(error)")
    }
  }

  @Test func parse_refusesDeepNesting() {
    let deep = String(repeating: "(", count: 100) + "fault" + String(repeating: ")", count: 100)
    #expect(throws: FilterExpressionError.self) { try FilterParser.parse(deep) }
    let negations = String(repeating: "NOT ", count: 100) + "fault"
    #expect(throws: FilterExpressionError.self) { try FilterParser.parse(negations) }
  }
}

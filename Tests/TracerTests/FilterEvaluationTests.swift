import Telemetry
import Testing

@testable import Tracer

@Suite struct FilterEvaluationTests {
  /// A trace where swan (ok, 0.3 s) called unicorn twice: once fine, once with a 503.
  static let facts: TraceFacts = {
    var facts = TraceFacts(
      duration: 0.3, responseTime: 0.3,
      http: XRayHTTP(method: "GET", url: "http://swan/api/pets", status: 200),
      fault: true, annotations: [("tier", .string("gold")), ("n", .int(3))])
    facts.services = [
      "swan": [TraceFacts(duration: 0.3, responseTime: 0.3)],
      "unicorn": [
        TraceFacts(duration: 0.01, responseTime: 0.01),
        TraceFacts(duration: 0.2, responseTime: 0.2, fault: true),
      ],
    ]
    facts.edges = [
      "swan": [
        "unicorn": [
          TraceFacts(duration: 0.01, responseTime: 0.01, http: XRayHTTP(status: 200)),
          TraceFacts(duration: 0.2, responseTime: 0.2, http: XRayHTTP(status: 503), fault: true),
        ]
      ]
    ]
    return facts
  }()

  @Test(arguments: [
    ("responsetime > 0.25", true), ("responsetime > 0.5", false),
    ("duration >= 0.3 AND duration <= 0.3", true), ("http.status = 200", true),
    ("http.status = 503", false), ("http.url CONTAINS \"/api\"", true),
    ("http.url ENDSWITH \"pets\"", true), ("http.method = \"POST\"", false),
    ("service(\"unicorn\") { fault }", true), ("service(\"swan\") { fault }", false),
    ("service(\"unicorn\") { fault AND responsetime < 0.1 }", false),
    ("service(\"nobody\")", false), ("service(\"swan\")", true),
    ("edge(\"swan\", \"unicorn\") { http.status = 503 }", true),
    ("edge(\"swan\", \"unicorn\") { error }", false), ("edge(\"unicorn\", \"swan\")", false),
    ("annotation.tier = \"gold\"", true), ("annotation.tier = \"silver\"", false),
    ("annotation.n >= 3", true), ("annotation.n = \"3\"", false), ("annotation.none = 1", false),
    ("NOT fault", false), ("fault AND NOT error", true), ("ok", false),
    ("(error OR throttle) OR responsetime > 0.1", true),
  ])
  func matches_evaluatesAgainstTraceFacts(text: String, expected: Bool) throws {
    #expect(try FilterParser.parse(text).matches(Self.facts) == expected)
  }

  @Test func needsSegments_onlyForServiceEdgeAndAnnotation() throws {
    #expect(try !FilterParser.parse("responsetime > 1 AND fault").needsSegments)
    #expect(try FilterParser.parse("NOT service(\"a\")").needsSegments)
    #expect(try FilterParser.parse("fault OR annotation.k = 1").needsSegments)
  }
}

import Testing

@testable import Telemetry

@Suite struct TraceParentTests {
  static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
  static let span = "00f067aa0ba902b7"

  /// W3C Trace Context Level 1 §3.2 edge cases: the header, then the expected trace id, parent
  /// id and sampled flag, or `nil` when the header must be rejected.
  static let cases: [(String, (String, String, Bool)?)] = [
    ("00-\(trace)-\(span)-01", (trace, span, true)),
    ("00-\(trace)-\(span)-00", (trace, span, false)),
    ("00-\(trace)-\(span)-03", (trace, span, true)),  // unknown flag bits ignored
    ("00-4BF92F3577B34DA6A3CE929D0E0E4736-\(span)-01", nil),  // uppercase trace id
    ("00-\(trace)-00F067AA0BA902B7-01", nil),  // uppercase parent id
    ("00-\(trace)-\(span)-0A", nil),  // uppercase flags
    ("0A-\(trace)-\(span)-01", nil),  // uppercase version
    ("00-\(trace.dropLast())-\(span)-01", nil),  // short trace id
    ("00-\(trace)0-\(span)-01", nil),  // long trace id
    ("00-\(trace)-\(span.dropLast())-01", nil),  // short parent id
    ("00-\(trace)-\(span)-1", nil),  // short flags
    ("00-00000000000000000000000000000000-\(span)-01", nil),  // all-zero trace id
    ("00-\(trace)-0000000000000000-01", nil),  // all-zero parent id
    ("ff-\(trace)-\(span)-01", nil),  // version ff is invalid
    // A future version with more fields.
    ("01-\(trace)-\(span)-01-what-the-future-holds", (trace, span, true)),
    ("01-\(trace)-\(span)-01", (trace, span, true)),  // future version, exactly 55
    ("01-\(trace)-\(span)-01x", nil),  // future version, no dash after the flags
    ("00-\(trace)-\(span)-01-extra", nil),  // version 00 must be exactly 55 characters
    ("00-\(trace)-\(span)-01 ", nil),  // version 00 with a trailing space
    ("00-\(trace)-\(span)-xy", nil),  // non-hex flags
    ("00-\(trace.dropLast())g-\(span)-01", nil),  // non-hex trace id
    ("00-\(trace)-\(span.dropLast())g-01", nil),  // non-hex parent id
    ("00_\(trace)_\(span)_01", nil),  // wrong separators
    ("zz-\(trace)-\(span)-01", nil),  // non-hex version
    ("", nil),
  ]

  @Test(arguments: cases)
  func traceParent_parsesPerLevel1(_ header: String, _ expected: (String, String, Bool)?) {
    let parsed = TraceParent(header)
    if let (trace, span, sampled) = expected {
      #expect(parsed?.traceID.w3c == trace)
      #expect(parsed?.parentID.hex == span)
      #expect(parsed?.sampled == sampled)
    } else {
      #expect(parsed == nil)
    }
  }

  @Test func traceParent_writesVersion00WithOnlyTheSampledFlag() throws {
    let parsed = try #require(TraceParent("01-\(Self.trace)-\(Self.span)-03-more"))
    #expect(parsed.flags == 3)
    #expect(parsed.headerValue == "00-\(Self.trace)-\(Self.span)-01")
  }

  @Test func traceParent_roundTripsThroughItsHeaderValue() throws {
    let value = TraceParent(
      traceID: .random(epochSeconds: 1_700_000_000), parentID: .random(), sampled: false)
    #expect(TraceParent(value.headerValue) == value)
  }

  @Test func traceParent_sampledSetterKeepsOtherFlags() throws {
    var parsed = try #require(TraceParent("00-\(Self.trace)-\(Self.span)-02"))
    #expect(!parsed.sampled)
    parsed.sampled = true
    #expect(parsed.flags == 3)
  }
}

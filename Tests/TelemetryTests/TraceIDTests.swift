import Testing

@testable import Telemetry

@Suite struct TraceIDTests {
  @Test func traceID_mapsXRayRootToW3CAndBack() throws {
    let xray = try #require(TraceID(xray: "1-5759e988-bd862e3fe1be46a994272793"))
    #expect(xray.w3c == "5759e988bd862e3fe1be46a994272793")
    let w3c = try #require(TraceID(w3c: "5759e988bd862e3fe1be46a994272793"))
    #expect(w3c == xray)
    #expect(w3c.xray == "1-5759e988-bd862e3fe1be46a994272793")
    #expect(w3c.description == "1-5759e988-bd862e3fe1be46a994272793")
  }

  @Test func traceID_xrayAcceptsUppercaseAndWritesLowercase() throws {
    let id = try #require(TraceID(xray: "1-5759E988-BD862E3FE1BE46A994272793"))
    #expect(id.xray == "1-5759e988-bd862e3fe1be46a994272793")
  }

  @Test(arguments: [
    "5759e988bd862e3fe1be46a994272793",  // no prefix
    "2-5759e988-bd862e3fe1be46a994272793",  // unknown version
    "1-5759e988bd862e3fe1be46a994272793",  // missing dash
    "1-5759e98-8bd862e3fe1be46a994272793",  // dash misplaced
    "1-5759e988-bd862e3fe1be46a99427279",  // short
    "1-5759e988-bd862e3fe1be46a9942727933",  // long
    "1-5759e988-bd862e3fe1be46a99427279g",  // not hex
    "1-00000000-000000000000000000000000",  // all zero
    "",
  ])
  func traceID_xrayRejectsMalformed(_ text: String) {
    #expect(TraceID(xray: text) == nil)
  }

  @Test(arguments: [
    "5759E988BD862E3FE1BE46A994272793",  // uppercase
    "5759e988bd862e3fe1be46a99427279",  // 31 digits
    "5759e988bd862e3fe1be46a9942727933",  // 33 digits
    "00000000000000000000000000000000",  // all zero
    "5759e988-bd862e3fe1be46a99427279",  // dash
  ])
  func traceID_w3cRejectsMalformed(_ text: String) {
    #expect(TraceID(w3c: text) == nil)
  }

  @Test func traceID_randomCarriesEpochSeconds() {
    let first = TraceID.random(epochSeconds: 0x5759_e988)
    let second = TraceID.random(epochSeconds: 0x5759_e988)
    #expect(first.xray.hasPrefix("1-5759e988-"))
    #expect(TraceID(xray: first.xray) == first)
    #expect(first != second)
  }

  @Test func spanID_parsesEitherCaseAndRejectsZeroAndBadLengths() throws {
    let id = try #require(SpanID(hex: "53995C3F42CD8AD8"))
    #expect(id.hex == "53995c3f42cd8ad8")
    #expect(SpanID(hex: "0000000000000000") == nil)
    #expect(SpanID(hex: "53995c3f42cd8ad") == nil)
    #expect(SpanID(hex: "53995c3f42cd8ad80") == nil)
    #expect(SpanID(hex: "53995c3f42cd8adz") == nil)
  }

  @Test func spanID_randomIsValidHex() {
    let id = SpanID.random()
    #expect(id.hex.utf8.count == 16)
    #expect(SpanID(hex: id.hex) == id)
  }
}

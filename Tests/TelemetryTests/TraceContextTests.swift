import Testing
import Wire

@testable import Telemetry

@Suite struct TraceContextTests {
  static let w3cParent = "00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01"
  static let xray = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0"

  @Test func extract_readsTraceparentAndTracestate() throws {
    let context = try #require(
      TraceContext.extract(from: [
        "traceparent": Self.w3cParent, "tracestate": "a=1", "TraceState": "b=2",
      ]))
    #expect(context.traceID.w3c == "5759e988bd862e3fe1be46a994272793")
    #expect(context.parentID?.hex == "53995c3f42cd8ad8")
    #expect(context.sampled)
    #expect(context.traceState.headerValue == "a=1,b=2")
  }

  @Test func extract_invalidTracestateIsDroppedButTraceparentKept() throws {
    let context = try #require(
      TraceContext.extract(from: ["traceparent": Self.w3cParent, "tracestate": "A=1"]))
    #expect(context.traceState.entries.isEmpty)
  }

  @Test func extract_fallsBackToXRay() throws {
    let context = try #require(TraceContext.extract(from: ["X-Amzn-Trace-Id": Self.xray]))
    #expect(context.traceID.xray == "1-5759e988-bd862e3fe1be46a994272793")
    #expect(context.parentID?.hex == "53995c3f42cd8ad8")
    #expect(!context.sampled)
  }

  @Test func extract_undecidedXRaySamplingCountsAsSampled() throws {
    let context = try #require(
      TraceContext.extract(from: [
        "x-amzn-trace-id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=?"
      ]))
    #expect(context.sampled)
    #expect(context.parentID == nil)
  }

  @Test func extract_w3cWinsWhenTraceIDsDiffer() throws {
    let other = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    let context = try #require(
      TraceContext.extract(from: ["X-Amzn-Trace-Id": Self.xray, "traceparent": other]))
    #expect(context.traceID.w3c == "0af7651916cd43dd8448eb211c80319c")
    #expect(context.parentID?.hex == "b7ad6b7169203331")
  }

  @Test func extract_duplicateTraceparentIsIgnored() throws {
    var headers: HTTPHeaders = ["traceparent": Self.w3cParent]
    headers.add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    #expect(TraceContext.extract(from: headers) == nil)
    headers.add("X-Amzn-Trace-Id", Self.xray)
    #expect(TraceContext.extract(from: headers)?.sampled == false)  // from the X-Ray header
  }

  @Test func extract_invalidTraceparentFallsBackToXRay() throws {
    let headers: HTTPHeaders = [
      "traceparent": "ff-" + Self.w3cParent.dropFirst(3), "X-Amzn-Trace-Id": Self.xray,
    ]
    #expect(TraceContext.extract(from: headers)?.sampled == false)
  }

  @Test func extract_nothingValidGivesNil() {
    #expect(TraceContext.extract(from: [:]) == nil)
    #expect(
      TraceContext.extract(from: ["traceparent": "junk", "X-Amzn-Trace-Id": "Root=junk"]) == nil)
  }

  @Test func start_makesANewSampledRoot() {
    let context = TraceContext.start(epochSeconds: 0x5759_e988)
    #expect(context.traceID.xray.hasPrefix("1-5759e988-"))
    #expect(context.parentID == nil)
    #expect(context.sampled)
    #expect(!TraceContext.start(epochSeconds: 1, sampled: false).sampled)
  }

  @Test func inject_replacesHeadersAndRoundTrips() throws {
    var context = TraceContext.start(epochSeconds: 1_700_000_000, sampled: false)
    context.traceState.update(key: "sidecar", value: "lab")
    let span = SpanID.random()
    var headers: HTTPHeaders = ["traceparent": "old", "X-Amzn-Trace-Id": "old", "Accept": "*/*"]
    headers.add("traceparent", "older")
    context.inject(into: &headers, parent: span)
    #expect(headers.values("traceparent") == ["00-\(context.traceID.w3c)-\(span.hex)-00"])
    #expect(
      headers.values("X-Amzn-Trace-Id") == [
        "Root=\(context.traceID.xray);Parent=\(span.hex);Sampled=0"
      ])
    #expect(headers.values("tracestate") == ["sidecar=lab"])
    #expect(headers["Accept"] == "*/*")

    let extracted = try #require(TraceContext.extract(from: headers))
    #expect(
      extracted
        == TraceContext(
          traceID: context.traceID, parentID: span, sampled: false, traceState: context.traceState))
    headers.remove("traceparent")
    let fromXRay = try #require(TraceContext.extract(from: headers))
    #expect(fromXRay.traceID == context.traceID && fromXRay.parentID == span && !fromXRay.sampled)
  }

  @Test func inject_removesStaleTracestateWhenEmpty() {
    var headers: HTTPHeaders = ["tracestate": "stale=1"]
    TraceContext.start(epochSeconds: 1).inject(into: &headers, parent: .random())
    #expect(!headers.contains("tracestate"))
  }
}

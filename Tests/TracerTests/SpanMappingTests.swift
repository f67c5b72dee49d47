import Telemetry
import Testing

@testable import Tracer

@Suite struct SpanMappingTests {
  static let now = SegmentSamples.now
  static let trace = "6b49d2000123456789abcdef01234567"
  static let decoder = SegmentDecoder(now: { now })

  static func nanos(_ seconds: Double) -> String { String(UInt64(seconds * 1e9)) }

  static let otlp = """
    {"resourceSpans": [{"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "swan"}}]},
      "scopeSpans": [{"scope": {"name": "test"}, "spans": [
        {"traceId": "\(trace)", "spanId": "00000000000000a1", "name": "GET /pets", "kind": 2,
         "startTimeUnixNano": "\(nanos(now))", "endTimeUnixNano": "\(nanos(now + 0.3))",
         "attributes": [{"key": "http.request.method", "value": {"stringValue": "GET"}},
                        {"key": "url.full", "value": {"stringValue": "http://swan/pets"}},
                        {"key": "http.response.status_code", "value": {"intValue": "404"}}],
         "status": {}},
        {"traceId": "\(trace)", "spanId": "00000000000000a2", "parentSpanId": "00000000000000a1",
         "name": "call unicorn", "kind": 3, "startTimeUnixNano": "\(nanos(now + 0.01))",
         "endTimeUnixNano": "\(nanos(now + 0.2))",
         "attributes": [{"key": "peer.service", "value": {"stringValue": "unicorn"}}],
         "status": {"code": 2}},
        {"traceId": "nothex", "spanId": "00000000000000a3", "startTimeUnixNano": "1", "endTimeUnixNano": "2"}
      ]}]}]}
    """

  @Test func otlp_mapsServerAndClientSpans() throws {
    let (spans, invalid) = try OTLPDecoder.spans(Array(Self.otlp.utf8), maximumBytes: 1 << 20)
    #expect(invalid == 1)
    let records = try spans.map { try Self.decoder.decode($0.xrayDocument, service: $0.service) }
    let server = try #require(records.first)
    #expect(server.name == "swan")
    #expect(!server.isSubsegment)
    #expect(server.traceID.xray == "1-6b49d200-0123456789abcdef01234567")
    #expect(server.http.status == 404)
    #expect(server.http.method == "GET")
    #expect(server.http.url == "http://swan/pets")
    #expect(server.error && !server.fault)
    #expect(abs((server.responseTime ?? 0) - 0.3) < 1e-6)
    let client = try #require(records.last)
    #expect(client.isSubsegment)
    #expect(client.name == "unicorn")
    #expect(client.service == "swan")
    #expect(client.parentID?.hex == "00000000000000a1")
    #expect(client.fault)
    #expect(client.remoteCalls.map(\.target) == ["unicorn"])
  }

  @Test func zipkin_mapsSpansWithTheirEndpoints() throws {
    let body = """
      [{"traceId": "0123456789abcdef", "id": "00000000000000b1", "name": "get /", "kind": "SERVER",
        "timestamp": \(UInt64(Self.now * 1e6)), "duration": 250000,
        "localEndpoint": {"serviceName": "unicorn"}, "tags": {"http.status_code": "503", "http.method": "GET"}},
       {"traceId": "0123456789abcdef", "id": "00000000000000b2", "parentId": "00000000000000b1",
        "name": "query", "kind": "CLIENT", "timestamp": \(UInt64(Self.now * 1e6) + 1000), "duration": 1000,
        "localEndpoint": {"serviceName": "unicorn"}, "remoteEndpoint": {"serviceName": "db"}},
       {"traceId": "0123456789abcdef", "id": "zz"}]
      """
    let (spans, invalid) = try ZipkinDecoder.spans(Array(body.utf8), maximumBytes: 1 << 20)
    #expect(invalid == 1)
    let records = try spans.map { try Self.decoder.decode($0.xrayDocument, service: $0.service) }
    #expect(records.map(\.name) == ["unicorn", "db"])
    #expect(records[0].traceID.w3c == "00000000000000000123456789abcdef")
    #expect(records[0].fault)
    #expect(records[0].http.status == 503)
    #expect(records[1].isSubsegment)
    #expect(records[1].remoteCalls.first?.target == "db")
    #expect(abs((records[1].responseTime ?? 0) - 0.001) < 1e-6)
  }

  @Test func spans_refuseBodiesThatAreNotExports() {
    #expect(throws: SegmentRejection.invalidJSON) {
      try OTLPDecoder.spans(Array("{".utf8), maximumBytes: 1024)
    }
    #expect(throws: SegmentRejection.notAnObject) {
      try ZipkinDecoder.spans(Array("{}".utf8), maximumBytes: 1024)
    }
    #expect(throws: SegmentRejection.tooLarge) {
      try ZipkinDecoder.spans(Array(repeating: UInt8(ascii: " "), count: 2048), maximumBytes: 1024)
    }
  }
}

import Telemetry
import Testing

@testable import Tracer

@Suite struct SegmentDecoderTests {
  typealias S = SegmentSamples

  @Test func decode_readsAFullSegment() throws {
    let record = try S.record(
      S.segment(
        extra: """
          , "http": {"request": {"method": "GET", "url": "http://swan/"}, "response": {"status": 503}},
          "fault": true, "annotations": {"tier": "gold", "n": 3},
          "cause": {"exceptions": [{"id": "1234567890abcdef", "message": "boom"}]},
          "subsegments": [{"name": "unicorn", "id": "0000000000000002", "namespace": "remote",
            "start_time": \(S.now + 0.01), "end_time": \(S.now + 0.2), "error": true,
            "http": {"response": {"status": 404}},
            "subsegments": [{"name": "inner", "id": "0000000000000003", "start_time": \(S.now + 0.02), "in_progress": true}]}]
          """))
    #expect(record.name == "swan")
    #expect(record.service == "swan")
    #expect(record.http.status == 503)
    #expect(record.http.method == "GET")
    #expect(record.fault && !record.error)
    #expect(record.annotations.map(\.key) == ["tier", "n"])
    #expect(record.annotations.last?.value == .int(3))
    #expect(record.nestedIDs == [2, 3])
    #expect(record.remoteCalls.count == 1)
    #expect(record.remoteCalls.first?.target == "unicorn")
    #expect(record.remoteCalls.first?.error == true)
    #expect(record.remoteCalls.first?.status == 404)
    #expect(record.responseTime == 0.25)
  }

  @Test func decode_readsAStandaloneSubsegment() throws {
    let record = try S.record(
      S.remoteSubsegment(id: "00000000000000a1", parent: "0000000000000001"))
    #expect(record.isSubsegment)
    #expect(record.service == nil)
    #expect(record.parentID?.hex == "0000000000000001")
    #expect(record.remoteCalls.map(\.target) == ["unicorn"])
  }

  @Test func decode_acceptsUnicodeNames() throws {
    #expect(try S.record(S.segment(name: "café Ω-1")).name == "café Ω-1")
    #expect(throws: SegmentRejection.invalidName) { try S.record(S.segment(name: "café☕")) }
  }

  @Test func decode_readsTheFirstOfRepeatedMembersAndEscapedNames() throws {
    let record = try S.record(
      #"{"n\u0061me": "swan", "name": "other", "id": "0000000000000001", "trace_id": "\#(S.traceID)", "#
        + #""start_time": \#(S.now), "end_time": \#(S.now + 1), "fault": true, "fault": 5, "#
        + #""http": {"response": {"status": 201, "status": 999}}, "http": 1}"#)
    #expect(record.name == "swan")
    #expect(record.fault)
    #expect(record.http.status == 201)
  }

  /// Ids, the trace id, `type` and `namespace` are read from the document's bytes when they
  /// have no escapes; with escapes they are decoded first, and the same rules apply.
  @Test func decode_readsEscapedIdsTypesAndNamespacesAsTheirText() throws {
    let record = try S.record(
      #"{"name": "unicorn", "id": "\u0030\u0030000000000000a2", "#
        + #""trace_id": "1-6b49d200-0123456789abcdef0123456\u0037", "#
        + #""parent_id": "000000000000000\u0031", "type": "sub\u0073egment", "#
        + #""namespace": "remot\u0065", "start_time": \#(S.now), "end_time": \#(S.now + 1), "#
        + #""http": {"request": {"url": "http:\/\/unicorn\/"}, "response": {"status": 200}}}"#)
    #expect(record.id.hex == "00000000000000a2")
    #expect(record.traceID.xray == S.traceID)
    #expect(record.parentID?.hex == "0000000000000001")
    #expect(record.isSubsegment)
    #expect(record.remoteCalls.map(\.status) == [200])
    #expect(record.http.url == "http://unicorn/")
  }

  @Test(arguments: [
    (S.segment(id: #"000000000000000\u0067"#), SegmentRejection.invalidID),
    (S.segment(id: #"000000000000000\u00e9"#), .invalidID),
    (S.segment(traceID: #"1-6b49d200-0123456789abcdef0123456\u0078"#), .invalidTraceID),
    (S.segment(extra: #", "parent_id": "00000000000000\u0031""#), .invalidParentID),
    (S.segment(extra: #", "type": "sub\u0073egment""#), .invalidParentID),
    (S.segment(extra: ", \"parent_id\": 1"), .invalidParentID),
    ("{\"id\": 1, \"trace_id\": \"\(S.traceID)\"}", .invalidID),
    (
      S.segment(extra: ", \"subsegments\": [{\"name\": \"x\", \"id\": \"\\u0030\"}]"),
      .invalidSubsegment
    ),
    (
      S.segment(
        extra:
          ", \"subsegments\": [{\"name\": \"x\", \"id\": \"0000000000000002\", \"start_time\": \(S.now), \"end_time\": \(S.now), \"http\": {\"request\": 1}}]"
      ), .invalidSubsegment
    ),
    (
      S.segment(
        extra:
          ", \"subsegments\": [{\"name\": \"x\", \"id\": \"0000000000000002\", \"start_time\": \(S.now), \"end_time\": \(S.now), \"http\": {\"response\": {\"status\": 99}}}]"
      ), .invalidSubsegment
    ),
  ])
  func decode_rejectsEscapedAndMistypedIds(text: String, reason: SegmentRejection) {
    #expect(throws: reason) { try S.record(text) }
  }

  @Test func decode_keepsNestedRemoteCallStatusesWithoutTheirStrings() throws {
    let record = try S.record(
      S.segment(
        extra: """
          , "subsegments": [{"name": "db", "id": "0000000000000002", "namespace": "remote",
            "start_time": \(S.now), "end_time": \(S.now + 0.1),
            "http": {"request": {"method": "POST", "url": "http://db/"}, "response": {"status": 503}}},
            {"name": "cache", "id": "0000000000000003", "namespace": "remote",
            "start_time": \(S.now), "end_time": \(S.now + 0.1), "http": {}}]
          """))
    #expect(record.remoteCalls.map(\.target) == ["db", "cache"])
    #expect(record.remoteCalls.map(\.status) == [503, nil])
    #expect(record.http == XRayHTTP())
  }

  @Test func decode_acceptsInProgress() throws {
    let record = try S.record(S.segment(end: nil))
    #expect(record.inProgress)
  }

  @Test(arguments: [
    (S.segment(traceID: "1-6b49d200-0123456789abcdef0123456"), SegmentRejection.invalidTraceID),
    (S.segment(traceID: "2-6b49d200-0123456789abcdef01234567"), .invalidTraceID),
    (S.segment(traceID: "1-00000000-000000000000000000000000"), .invalidTraceID),
    (S.segment(id: "00000000000001"), .invalidID),
    (S.segment(id: "000000000000000g"), .invalidID),
    (S.segment(id: "0000000000000000"), .invalidID),
    (S.segment(name: ""), .invalidName),
    (S.segment(name: "bad<name>"), .invalidName),
    (S.segment(name: String(repeating: "n", count: 201)), .invalidName),
    (S.segment(start: 12), .invalidStartTime),
    (S.segment(start: S.now + 86_400, end: S.now + 86_401), .invalidStartTime),
    (S.segment(start: S.now - 40 * 86_400, end: S.now - 40 * 86_400 + 1), .invalidStartTime),
    (S.segment(end: S.now - 1), .invalidEndTime),
    (S.segment(end: S.now + 2 * 86_400), .invalidEndTime),
    (S.segment(extra: ", \"parent_id\": \"xyz\""), .invalidParentID),
    (S.segment(extra: ", \"fault\": \"yes\""), .invalidFlag),
    (S.segment(extra: ", \"http\": {\"response\": {\"status\": 999}}"), .invalidHTTP),
    (S.segment(extra: ", \"annotations\": {\"bad key\": 1}"), .invalidAnnotation),
    (S.segment(extra: ", \"annotations\": {\"k\": [1]}"), .invalidAnnotation),
    (S.segment(extra: ", \"subsegments\": [{\"name\": \"x\"}]"), .invalidSubsegment),
    (S.segment(extra: ", \"subsegments\": {}"), .invalidSubsegment),
    (
      "{\"name\": \"x\", \"id\": \"0000000000000009\", \"trace_id\": \"\(S.traceID)\", \"type\": \"subsegment\", \"start_time\": \(S.now), \"end_time\": \(S.now)}",
      .invalidParentID
    ),
    (S.segment(extra: ", \"metadata\": {\"a\": [1, tru]}"), .invalidJSON),
    (S.segment(extra: ", \"metadata\": 1e999"), .invalidJSON),
    (S.segment(extra: ", \"metadata\": \"\\ud800\""), .invalidJSON),
    (
      S.segment(
        extra: ", \"metadata\": " + String(repeating: "[", count: 40)
          + String(repeating: "]", count: 40)), .tooDeep
    ),
    (S.segment() + " x", .invalidJSON),
    ("[1, 2]", .notAnObject),
    ("{\"name\": ", .invalidJSON),
    (String(repeating: "[", count: 40) + String(repeating: "]", count: 40), .tooDeep),
    ("\"" + String(repeating: "a", count: 70_000) + "\"", .tooLarge),
  ])
  func decode_rejectsWithReason(text: String, reason: SegmentRejection) {
    #expect(throws: reason) { try S.record(text) }
  }
}

@Suite struct HexDigitsTests {
  @Test(arguments: [
    ("00000000000000ff", UInt64?(255)), ("ABCDEF0123456789", 0xABCD_EF01_2345_6789),
    ("0000000000000000", nil), ("000000000000000g", nil), ("fff", nil), ("00000000000000001", nil),
  ])
  func spanID_readsSixteenHexDigits(text: String, expected: UInt64?) {
    #expect(SpanID(hex: text)?.value == expected)
  }
}

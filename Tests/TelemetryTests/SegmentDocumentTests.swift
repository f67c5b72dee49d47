import Foundation
import Testing

@testable import Telemetry

@Suite struct SegmentDocumentTests {
  static let traceID = TraceID(xray: "1-5759e988-bd862e3fe1be46a994272793")!
  static let segmentID = SpanID(hex: "70de5b6f19ff9a0a")!
  static let parentID = SpanID(hex: "53995c3f42cd8ad8")!
  static let callID = SpanID(hex: "0a1b2c3d4e5f6789")!

  private func decode(_ segment: Segment) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(segment.jsonDocument()))
    return try #require(object as? [String: Any])
  }

  @Test func segment_writesEveryFieldXRayReads() throws {
    let call = Subsegment(
      name: "unicorn", id: Self.callID, startTime: 1_480_615_200.02, endTime: 1_480_615_200.05,
      namespace: "remote",
      http: XRayHTTP(method: "GET", url: "http://127.0.0.1:9000/", status: 503),
      fault: true)
    let segment = Segment(
      name: "swan", traceID: Self.traceID, id: Self.segmentID, parentID: Self.parentID,
      startTime: 1_480_615_200.01, endTime: 1_480_615_200.09,
      http: XRayHTTP(
        method: "POST", url: "http://swan/order", userAgent: "curl/8", clientIP: "10.0.0.7",
        status: 502,
        contentLength: 12),
      fault: true,
      annotations: [
        ("version", .string("v2")), ("attempt", .int(2)), ("ratio", .double(0.5)),
        ("ok", .bool(false)),
      ],
      metadata: ["b": "2", "a": "1"], origin: "AWS::ECS::Container", ecs: ("swan", "abc123"),
      subsegments: [call])
    let document = try decode(segment)

    #expect(
      Set(document.keys)
        == [
          "name", "id", "trace_id", "parent_id", "start_time", "end_time", "http", "fault",
          "annotations", "metadata",
          "origin", "aws", "subsegments",
        ])
    #expect(document["name"] as? String == "swan")
    #expect(document["id"] as? String == "70de5b6f19ff9a0a")
    #expect(document["trace_id"] as? String == "1-5759e988-bd862e3fe1be46a994272793")
    #expect(document["parent_id"] as? String == "53995c3f42cd8ad8")
    #expect(document["start_time"] as? Double == 1_480_615_200.01)
    #expect(document["end_time"] as? Double == 1_480_615_200.09)
    #expect(document["fault"] as? Bool == true)
    #expect(document["origin"] as? String == "AWS::ECS::Container")

    let http = try #require(document["http"] as? [String: Any])
    let request = try #require(http["request"] as? [String: String])
    #expect(
      request == [
        "method": "POST", "url": "http://swan/order", "user_agent": "curl/8",
        "client_ip": "10.0.0.7",
      ])
    let response = try #require(http["response"] as? [String: Int])
    #expect(response == ["status": 502, "content_length": 12])

    let annotations = try #require(document["annotations"] as? [String: Any])
    #expect(annotations["version"] as? String == "v2")
    #expect(annotations["attempt"] as? Int == 2)
    #expect(annotations["ratio"] as? Double == 0.5)
    #expect(annotations["ok"] as? Bool == false)
    #expect(
      document["metadata"] as? [String: [String: String]] == ["default": ["a": "1", "b": "2"]])
    #expect(
      document["aws"] as? [String: [String: String]] == [
        "ecs": ["container": "swan", "container_id": "abc123"]
      ])

    let subsegments = try #require(document["subsegments"] as? [[String: Any]])
    let sub = try #require(subsegments.first)
    #expect(subsegments.count == 1)
    #expect(
      Set(sub.keys) == ["name", "id", "start_time", "end_time", "namespace", "http", "fault"])
    #expect(sub["id"] as? String == "0a1b2c3d4e5f6789")
    #expect(sub["namespace"] as? String == "remote")
    #expect(sub["end_time"] as? Double == 1_480_615_200.05)
    #expect(((sub["http"] as? [String: Any])?["response"] as? [String: Int]) == ["status": 503])
  }

  @Test func segment_withoutEndTimeIsInProgressAndOmitsUnsetParts() throws {
    let document = try decode(
      Segment(name: "swan", traceID: Self.traceID, id: Self.segmentID, startTime: 10))
    #expect(Set(document.keys) == ["name", "id", "trace_id", "start_time", "in_progress"])
    #expect(document["in_progress"] as? Bool == true)
    #expect(document["start_time"] as? Double == 10)
  }

  @Test(arguments: [
    ("swan", "swan"),
    ("my service_1.v2:/%&#=+\\-@", "my service_1.v2:/%&#=+\\-@"),
    ("bad<name>?;*()!$~^", "badname"),
    ("Ünïcode 名前", "Ünïcode 名前"),
    ("<>", "unnamed"),
    (String(repeating: "n", count: 250), String(repeating: "n", count: 200)),
  ])
  func segment_sanitizesNames(_ name: String, _ expected: String) throws {
    let document = try decode(Segment(name: name, traceID: Self.traceID, startTime: 1, endTime: 2))
    #expect(document["name"] as? String == expected)
  }

  @Test func segment_dropsInvalidAnnotationKeysAndMergesRepeats() throws {
    let segment = Segment(
      name: "s", traceID: Self.traceID, startTime: 1, endTime: 2,
      annotations: [
        ("a_B9", .int(1)), ("a-b", .int(2)), ("", .int(3)), ("ok", .bool(true)), ("a_B9", .int(4)),
        ("n\u{E9}", .int(5)),
      ])
    let text = String(decoding: segment.jsonDocument(), as: UTF8.self)
    #expect(text.contains(#""annotations":{"a_B9":4,"ok":true}"#))
    let annotations = try #require(try decode(segment)["annotations"] as? [String: Any])
    #expect(annotations.count == 2)
  }

  @Test(arguments: [
    (200, false, false, false), (404, true, false, false), (429, true, true, false),
    (500, false, false, true),
    (503, false, false, true),
  ])
  func record_setsFlagsFromStatus(_ status: Int, _ error: Bool, _ throttle: Bool, _ fault: Bool)
    throws
  {
    var segment = Segment(name: "s", traceID: Self.traceID, startTime: 1, endTime: 2, fault: true)
    segment.record(status: status)
    #expect(segment.http?.status == status)
    #expect(segment.error == error && segment.throttle == throttle && segment.fault == fault)
    var sub = Subsegment(name: "call", startTime: 1)
    sub.record(status: status)
    #expect(sub.error == error && sub.throttle == throttle && sub.fault == fault)

    let document = try decode(segment)
    #expect(document["error"] as? Bool == (error ? true : nil))
    #expect(document["throttle"] as? Bool == (throttle ? true : nil))
    #expect(document["fault"] as? Bool == (fault ? true : nil))
  }

  @Test func segment_nestedSubsegmentsAreWritten() throws {
    let inner = Subsegment(name: "db", id: Self.parentID, startTime: 2, endTime: 3)
    let outer = Subsegment(name: "work", id: Self.callID, startTime: 1, subsegments: [inner])
    let document = try decode(
      Segment(name: "s", traceID: Self.traceID, startTime: 1, endTime: 4, subsegments: [outer]))
    let outerDocument = try #require((document["subsegments"] as? [[String: Any]])?.first)
    #expect(outerDocument["in_progress"] as? Bool == true)
    let innerDocument = try #require((outerDocument["subsegments"] as? [[String: Any]])?.first)
    #expect(innerDocument["id"] as? String == "53995c3f42cd8ad8")
    #expect(innerDocument["name"] as? String == "db")
  }
}

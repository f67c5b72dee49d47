import Foundation
import Testing

@testable import DemoApp

@Suite struct LogLineTests {
  private func object(_ bytes: [UInt8]) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
  }

  @Test func wallClock_formatsRFC3339InUTCWithMilliseconds() {
    #expect(WallClock.rfc3339(0.123) == "1970-01-01T00:00:00.123Z")
    #expect(WallClock.rfc3339(1_795_848_888.0456) == "2026-11-28T06:54:48.045Z")
  }

  @Test func requestLogEntry_hasTheDocumentedKeys() throws {
    let entry = RequestLogEntry(
      time: 1_795_848_888.5,
      identity: ServiceIdentity(service: .swan, instance: "swan-1", version: "v1"),
      method: "GET", path: "/unicorn\"", status: 502, durationMilliseconds: 12.34567,
      requestID: "r-1",
      traceID: "1-5759e988-bd862e3fe1be46a994272793")
    let line = try object(entry.json)
    #expect(line["time"] as? String == "2026-11-28T06:54:48.500Z")
    #expect(line["level"] as? String == "info")
    #expect(line["service"] as? String == "swan")
    #expect(line["instance"] as? String == "swan-1")
    #expect(line["version"] as? String == "v1")
    #expect(line["method"] as? String == "GET")
    #expect(line["path"] as? String == "/unicorn\"")
    #expect(line["status"] as? Int == 502)
    #expect(line["duration_ms"] as? Double == 12.346)
    #expect(line["request_id"] as? String == "r-1")
    #expect(line["trace_id"] as? String == "1-5759e988-bd862e3fe1be46a994272793")
    #expect(!entry.json.contains(10))
  }

  @Test func errorLog_linesAreLevelError() throws {
    let log = ErrorLog(identity: ServiceIdentity(service: .unicorn, instance: "u", version: "v2"))
    let line = try object(log.line("boom\nagain", time: 0, fields: [("upstream", "127.0.0.1:1")]))
    #expect(line["level"] as? String == "error")
    #expect(line["message"] as? String == "boom\nagain")
    #expect(line["upstream"] as? String == "127.0.0.1:1")
  }

  @Test func requestID_keepsASaneCallerIDAndReplacesOthers() {
    #expect(RequestID.of(["x-request-id": "abc-123"]) == "abc-123")
    let generated = RequestID.of(["x-request-id": "has space"])
    #expect(generated.count == 32 && generated != RequestID.of([:]))
    #expect(RequestID.of(["x-request-id": String(repeating: "a", count: 129)]).count == 32)
  }
}

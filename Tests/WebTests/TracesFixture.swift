import Foundation
import Testing
import Tracer
import Wire

@testable import Web

/// Helpers the traces tests share: a server with sandboxes on (no sandbox is started), a
/// learner's trace store filled through the tracer's own decoder and insert API, and segment
/// documents in X-Ray's shape.
enum TracesFixture {
  /// Runs `body` with a server whose sandbox root is inside the fixture's folder.
  static func with(_ body: (WebServerFixture) async throws -> Void) async throws {
    let configure: (inout WebConfiguration) -> Void = { configuration in
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
    }
    try await WebServerFixture.with(configure: configure, body)
  }

  /// The learner's trace store at the path the server reads, created with its folders; the
  /// caller closes it.
  static func store(_ fixture: WebServerFixture, learnerID: Int64) throws -> TraceStore {
    let sandboxes = try #require(fixture.app.sandboxes)
    let path = sandboxes.telemetryPath(
      learnerID: learnerID, file: SandboxService.tracesFileName)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    return try TraceStore(path: path)
  }

  /// Decodes `documents` as the daemon would (clock at `now`) and stores them.
  static func insert(_ documents: [String], into store: TraceStore, now: Double) throws {
    let decoder = SegmentDecoder(now: { now })
    try store.insert(documents.map { try decoder.decode(bytes: Array($0.utf8)) })
  }

  /// An X-Ray trace id whose time part is `time`, with `serial` in its random part.
  static func traceID(_ time: Double, _ serial: Int) -> String {
    let epoch = String(Int(time), radix: 16)
    let random = String(serial, radix: 16)
    return "1-" + String(repeating: "0", count: max(0, 8 - epoch.count)) + epoch + "-"
      + String(repeating: "0", count: max(0, 24 - random.count)) + random
  }

  /// A 16-hex-digit segment id from `number`.
  static func spanID(_ number: Int) -> String {
    let hex = String(number, radix: 16)
    return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
  }

  /// A segment document; `extra` is more JSON members (with a leading comma).
  static func segment(
    trace: String, id: Int, name: String, start: Double, end: Double, parent: Int? = nil,
    status: Int = 200, extra: String = ""
  ) -> String {
    let parentMember = parent.map { #","parent_id":"\#(spanID($0))""# } ?? ""
    let flags = status >= 500 ? #","fault":true"# : (status >= 400 ? #","error":true"# : "")
    return """
      {"name":"\(name)","id":"\(spanID(id))","trace_id":"\(trace)","start_time":\(start),\
      "end_time":\(end)\(parentMember)\(flags),\
      "http":{"request":{"method":"GET","url":"http://\(name)/work"},"response":{"status":\(status)}}\
      \(extra)}
      """
  }

  /// A nested remote subsegment (a call to `target`), for a segment's `subsegments` array.
  static func call(id: Int, target: String, start: Double, end: Double, status: Int = 200)
    -> String
  {
    let flags = status >= 500 ? #","fault":true"# : (status >= 400 ? #","error":true"# : "")
    return """
      {"name":"\(target)","id":"\(spanID(id))","start_time":\(start),"end_time":\(end),\
      "namespace":"remote"\(flags),"http":{"request":{"method":"GET"},"response":{"status":\(status)}}}
      """
  }

  /// One request through the demo app: swan's segment calling unicorn, and unicorn's segment
  /// under that call. Returns the trace id.
  @discardableResult
  static func request(
    into store: TraceStore, now: Double, serial: Int, at start: Double, unicornStatus: Int = 200,
    unicornName: String = "unicorn", annotations: String = ""
  ) throws -> String {
    let trace = traceID(start, serial)
    let base = serial * 10
    let swan = segment(
      trace: trace, id: base + 1, name: "swan", start: start, end: start + 0.05,
      status: unicornStatus >= 500 ? 502 : 200,
      extra: #","subsegments":["#
        + call(
          id: base + 2, target: unicornName, start: start + 0.01, end: start + 0.04,
          status: unicornStatus) + "]")
    let unicorn = segment(
      trace: trace, id: base + 3, name: unicornName, start: start + 0.015, end: start + 0.035,
      parent: base + 2, status: unicornStatus,
      extra: #","annotations":{"#
        + (annotations.isEmpty ? #""version":"v1""# : annotations) + "}"
        + #","subsegments":[{"name":"compute","id":"\#(spanID(base + 4))","start_time":\#(start + 0.02),"end_time":\#(start + 0.03)}]"#
    )
    try insert([swan, unicorn], into: store, now: now)
    return trace
  }

  /// A raw request with a bearer token or the browser's cookies and a chosen `Origin`.
  static func post(
    _ fixture: WebServerFixture, _ path: String, json: String, bearer: String? = nil,
    cookie: String? = nil, origin: String? = nil
  ) async throws -> (status: Int, headers: HTTPHeaders, object: [String: Any]) {
    var headers: HTTPHeaders = ["Content-Type": "application/json"]
    if let bearer { headers.add("Authorization", "Bearer \(bearer)") }
    if let cookie { headers.add("Cookie", "\(Credential.cookieName)=\(cookie)") }
    if let origin { headers.add("Origin", origin) }
    let response = try await fixture.send(
      HTTPClientRequest(method: .post, target: path, headers: headers, body: Array(json.utf8)))
    let object =
      (try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]) ?? [:]
    return (response.status.code, response.headers, object)
  }

  /// The learner's session token, read from the browser's cookie.
  static func token(_ browser: Browser) throws -> String {
    try #require(browser.cookies[Credential.cookieName])
  }
}

import Testing
import Wire

@testable import LogRouter

@Suite struct LogSearchRouteTests {
  @Test func query_readsEveryParameter() throws {
    let query = try LogSearchRoute.query(
      from:
        "filter=%7B+%24.status+%3D+503+%7D&container=swan&source=stderr&start=10&end=20.5&limit=7&next=n42"
    )
    #expect(query.filter == "{ $.status = 503 }")
    #expect(query.container == "swan")
    #expect(query.source == "stderr")
    #expect(query.start == 10)
    #expect(query.end == 20.5)
    #expect(query.limit == 7)
    #expect(query.next == "n42")
  }

  @Test(arguments: ["limit=ten", "start=%ZZ", "limit=1.5", String(repeating: "a=1&", count: 40)])
  func query_rejectsBadParameters(text: String) {
    #expect(throws: LogStoreError.self) { try LogSearchRoute.query(from: Substring(text)) }
  }

  @Test func route_answersJSONWithFacetsAndRejectsBadPatterns() async throws {
    let folder = TemporaryFolder()
    defer { folder.remove() }
    let store = try LogStore(path: "\(folder.path)/logs.sqlite")
    defer { store.close() }
    try store.insert([
      LogStoreTests.record(1, container: "swan", message: "ERROR one"),
      LogStoreTests.record(2, container: "unicorn", message: "ERROR two"),
      LogStoreTests.record(3, container: "swan", message: "INFO three"),
    ])
    let route = LogSearchRoute.route { _ in store }
    guard case .task(let handler) = route.handler else {
      Issue.record("the route runs as a task")
      return
    }
    let response = try await handler(
      HTTPRequest(
        head: HTTPRequestHead(method: .get, target: "/api/v1/logs?filter=ERROR&container=swan")))
    guard case .bytes(let body) = response.body else {
      Issue.record("a byte body")
      return
    }
    let json = try JSONRecordParser.parseValue(String(decoding: body, as: UTF8.self))
    guard case .array(let events) = json["events"] ?? .null else {
      Issue.record("events array in \(String(decoding: body, as: UTF8.self))")
      return
    }
    #expect(events.map { $0["message"] } == [.string("ERROR one")])
    #expect(events.first?["record"]?["n"] == .integer(1))
    #expect(
      json["facets"]?["container"]
        == .map([LogField("swan", .integer(1)), LogField("unicorn", .integer(1))]))
    #expect(json["next"] == .null)
    await #expect(throws: HTTPError.self) {
      _ = try await handler(
        HTTPRequest(
          head: HTTPRequestHead(method: .get, target: "/api/v1/logs?filter=%7B+%24.a+%3D")))
    }
  }
}

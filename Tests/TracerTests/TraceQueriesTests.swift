import Telemetry
import Testing
import Wire

@testable import Tracer

@Suite struct TraceQueriesTests {
  typealias S = SegmentSamples

  /// Five traces a second apart; the odd ones fault.
  static func filledStore() throws -> TemporaryTraceStore {
    let temporary = try TemporaryTraceStore()
    var records: [SegmentRecord] = []
    for index in 0..<5 {
      let start = S.now + Double(index)
      let end = start + 0.1 * Double(index + 1)
      let flags = index % 2 == 1 ? ", \"fault\": true" : ""
      let text = S.segment(
        id: "00000000000004a\(index)", traceID: "1-6b49d200-0123456789abcdef0123440\(index)",
        start: start, end: end, extra: flags)
      records.append(try S.record(text))
    }
    try temporary.store.insert(records)
    return temporary
  }

  func json(_ bytes: [UInt8]) throws -> JSONValue {
    try JSONParser(maximumBytes: 1 << 20).parse(bytes)
  }

  @Test func traceSummaries_pagesWithNextToken() throws {
    let temporary = try Self.filledStore()
    defer { temporary.remove() }
    var queries = TraceQueries(store: temporary.store)
    queries.pageSize = 2
    var seen: [String] = []
    var token: String?
    repeat {
      let next = token.map { ", \"NextToken\": \"\($0)\"" } ?? ""
      let page = try json(
        queries.traceSummaries(
          requestBody: Array(
            "{\"StartTime\": \(S.now - 10), \"EndTime\": \(S.now + 10)\(next)}".utf8)))
      seen += page["TraceSummaries"]?.array?.compactMap { $0["Id"]?.string } ?? []
      token = page["NextToken"]?.string
    } while token != nil && seen.count < 10
    #expect(seen == (0..<5).map { "1-6b49d200-0123456789abcdef0123440\($0)" })
  }

  @Test func traceSummaries_filtersOnTheSummaryRow() throws {
    let temporary = try Self.filledStore()
    defer { temporary.remove() }
    let queries = TraceQueries(store: temporary.store)
    let page = try json(
      queries.traceSummaries(
        requestBody: Array(
          """
          {"StartTime": \(S.now - 10), "EndTime": \(S.now + 10), "FilterExpression": "fault AND responsetime >= 0.4"}
          """.utf8)))
    let ids = page["TraceSummaries"]?.array?.compactMap { $0["Id"]?.string }
    #expect(ids == ["1-6b49d200-0123456789abcdef01234403"])
    #expect(page["TracesProcessedCount"]?.int == 5)
    #expect(page["NextToken"] == nil)
  }

  @Test(arguments: [
    "{\"StartTime\": 10}", "{\"StartTime\": 10, \"EndTime\": 5}", "not json",
    "{\"StartTime\": 1, \"EndTime\": 2, \"NextToken\": \"forged\"}",
    "{\"StartTime\": 1, \"EndTime\": 2, \"FilterExpression\": \"service(\"}",
  ])
  func traceSummaries_refusesBadRequests(body: String) throws {
    let temporary = try Self.filledStore()
    defer { temporary.remove() }
    #expect(throws: HTTPError.self) {
      try TraceQueries(store: temporary.store).traceSummaries(requestBody: Array(body.utf8))
    }
  }

  @Test func serviceGraphDocument_hasTheClientNodeAndBotocoreFields() throws {
    var graph = ServiceGraph()
    var statistics = GraphStatistics()
    statistics.record(responseTime: 0.02, fault: false, error: true, throttle: true)
    statistics.record(responseTime: 0.5, fault: true, error: false, throttle: false)
    graph.services["swan"] = statistics
    graph.edges[ServiceEdge(source: "", target: "swan")] = statistics
    graph.edges[ServiceEdge(source: "swan", target: "unicorn")] = statistics
    let document = try json(TraceQueries.serviceGraphDocument(graph, start: 0, end: 60))
    let services = try #require(document["Services"]?.array)
    #expect(services.map { $0["Name"]?.string } == ["client", "swan", "unicorn"])
    #expect(services.map { $0["Type"]?.string } == ["client", "service", "remote"])
    let client = services[0]
    #expect(client["Edges"]?.array?.first?["ReferenceId"]?.int == 1)
    let swan = services[1]
    #expect(swan["Root"]?.bool == true)
    let summary = try #require(swan["SummaryStatistics"])
    #expect(summary["OkCount"]?.int == 0)
    #expect(summary["ErrorStatistics"]?["ThrottleCount"]?.int == 1)
    #expect(summary["ErrorStatistics"]?["TotalCount"]?.int == 1)
    #expect(summary["FaultStatistics"]?["TotalCount"]?.int == 1)
    #expect(summary["TotalCount"]?.int == 2)
    #expect(summary["TotalResponseTime"]?.double == 0.52)
    #expect(swan["ResponseTimeHistogram"]?.array?.count == 2)
    #expect(services[2]["SummaryStatistics"] == nil)
  }
}

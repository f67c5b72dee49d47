import Foundation
import Glibc
import Synchronization
import Testing
import Wire

@testable import Metrics

@Suite struct MetricsAgentTests {
  /// An agent on free ports, stopped by the test.
  static func makeAgent(dataPath: String? = nil) throws -> MetricsAgent {
    var configuration = MetricsAgent.Configuration(
      statsd: SocketAddress("127.0.0.1:0")!, http: SocketAddress("127.0.0.1:0")!)
    configuration.dataPath = dataPath
    let agent = try MetricsAgent(configuration: configuration)
    agent.start()
    return agent
  }

  static func send(_ text: String, to address: SocketAddress) throws {
    let descriptor = try Socket.connectedUDP(to: address)
    defer { close(descriptor) }
    let sent = Array(text.utf8).withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, 0)
    }
    #expect(sent == text.utf8.count)
  }

  /// Polls `condition` until it holds or five seconds pass.
  static func waitUntil(_ condition: () -> Bool) async throws -> Bool {
    let deadline = MonotonicClock.now() + 5_000_000_000
    while MonotonicClock.now() < deadline {
      if condition() { return true }
      try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
  }

  /// Sends through the async `send` (its own thread): the `.task` routes run on the
  /// cooperative pool, which a blocking call from a test would starve.
  static func get(
    _ target: String, _ agent: MetricsAgent, method: HTTPMethod = .get, body: String = ""
  )
    async throws -> (status: Int, text: String)
  {
    let client = HTTPClient()
    defer { client.close() }
    let response = try await client.send(
      HTTPClientRequest(method: method, target: target, body: Array(body.utf8)),
      to: agent.server.address)
    return (response.status.code, String(decoding: response.body, as: UTF8.self))
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func routes_answerOverRealSockets() async throws {
    let agent = try Self.makeAgent()
    defer { agent.stop() }
    try Self.send(
      "rq:1|c|#service:unicorn\nrq:1|c|#service:unicorn\nlat:120|ms|#service:unicorn\nbad line\n",
      to: agent.receiver.address)
    #expect(try await Self.waitUntil { agent.store.statistics().datagrams == 1 })

    let now = Int(agent.store.clock.now())
    let query = try await Self.get(
      "/api/v1/metrics/query?name=rq&labels=service%3Aunicorn&stat=sum&start=\(now - 30)&end=\(now + 2)&step=40",
      agent)
    #expect(query.status == 200)
    let series = try #require(try Self.json(query.text)["series"] as? [[String: Any]])
    #expect(series.count == 1)
    #expect(series.first?["labels"] as? [String: String] == ["service": "unicorn"])
    let points = try #require(series.first?["points"] as? [[Double]])
    #expect(points.map { $0[1] } == [2])

    let bad = try await Self.get("/api/v1/metrics/query?name=rq&stat=median", agent)
    #expect(bad.status == 400)
    #expect(bad.text.contains("stat"))
    #expect(try await Self.get("/api/v1/metrics/query?stat=sum", agent).text.contains("name"))
    #expect(
      try await Self.get("/api/v1/metrics/query?name=rq&start=x", agent).text.contains("start"))
    #expect(try await Self.get("/api/v1/metrics/query?name=rq&step=0", agent).text.contains("step"))
    #expect(
      try await Self.get("/api/v1/metrics/query?name=rq&labels=nocolon", agent).text.contains(
        "labels"))
    #expect(try await Self.get("/api/v1/metrics/query?name=%ff", agent).status == 400)

    let metrics = try await Self.get("/metrics", agent)
    #expect(metrics.text.contains("rq{service=\"unicorn\"} 2\n"))
    #expect(metrics.text.contains("# TYPE lat histogram\n"))

    let stats = try Self.json(try await Self.get("/stats", agent).text)
    #expect(stats["lines"] as? Int == 4)
    #expect(stats["accepted"] as? Int == 3)
    #expect((stats["malformed_by_reason"] as? [String: Int])?["missing_value"] == 1)
  }

  @Test func alarmRoutes_createDescribeHistoryAndDelete() async throws {
    let agent = try Self.makeAgent()
    defer { agent.stop() }
    let body = """
      {"MetricName":"lat","ExtendedStatistic":"p99","Period":60,"EvaluationPeriods":1,
       "Threshold":200,"ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"notBreaching"}
      """
    let created = try await Self.get("/api/v1/alarms/slow", agent, method: .put, body: body)
    #expect(created.status == 201)
    #expect(try Self.json(created.text)["StateValue"] as? String == "INSUFFICIENT_DATA")
    #expect(
      try await Self.get("/api/v1/alarms/slow", agent, method: .put, body: body).status == 200)
    let invalid = try await Self.get(
      "/api/v1/alarms/other", agent, method: .put, body: #"{"MetricName":"x"}"#)
    #expect(invalid.status == 400)
    #expect(invalid.text.contains("Statistic"))

    agent.alarms.evaluate()
    let described = try Self.json(try await Self.get("/api/v1/alarms/slow", agent).text)
    #expect(described["StateValue"] as? String == "OK")
    #expect(described["ExtendedStatistic"] as? String == "p99")
    let list = try Self.json(try await Self.get("/api/v1/alarms", agent).text)
    #expect((list["MetricAlarms"] as? [Any])?.count == 1)
    let history = try Self.json(try await Self.get("/api/v1/alarms/slow/history", agent).text)
    let items = try #require(history["AlarmHistoryItems"] as? [[String: Any]])
    // The agent also evaluates every second, so its own evaluation may come before the second
    // PUT; what must hold is that both writes and the move to OK are on record.
    let summaries = items.compactMap { $0["HistorySummary"] as? String }
    #expect(summaries.contains("Alarm updated from INSUFFICIENT_DATA to OK"))
    #expect(summaries.filter { !$0.contains(" from ") }.count == 2, "\(summaries)")

    #expect(try await Self.get("/api/v1/alarms/slow", agent, method: .delete).status == 204)
    #expect(try await Self.get("/api/v1/alarms/slow", agent).status == 404)
    #expect(try await Self.get("/api/v1/alarms/slow/history", agent).status == 404)
    #expect(try await Self.get("/api/v1/alarms/slow", agent, method: .delete).status == 404)
  }

  @Test func scraper_recordsCounterDeltasFromAPrometheusEndpoint() throws {
    let total = Mutex(100)
    let server = try HTTPServer(
      configuration: {
        var configuration = HTTPServer.Configuration(
          address: SocketAddress("127.0.0.1:0")!, loops: 1)
        configuration.metricsPath = nil
        return configuration
      }(),
      router: Router([
        Route(
          .get, "/stats/prometheus",
          .inline { _ in
            let value = total.withLock { $0 }
            return HTTPResponse(
              contentType: "text/plain; version=0.0.4",
              text: """
                # TYPE envoy_cluster_upstream_rq_total counter
                envoy_cluster_upstream_rq_total{envoy_cluster_name="unicorn"} \(value)
                # TYPE envoy_cluster_upstream_cx_active gauge
                envoy_cluster_upstream_cx_active{envoy_cluster_name="unicorn"} 3
                # TYPE build_info gauge
                build_info{job="builder",version="1"} 1

                """)
          }),
        Route(
          .get, "/broken", .inline { _ in HTTPResponse(contentType: "text/plain", text: "x{ 1\n") }),
      ]))
    server.start()
    defer {
      server.shutdown(gracePeriod: .zero)
      server.waitUntilStopped()
    }
    let clock = FakeClock(1_800_000_000)
    let store = try MetricStore(clock: clock.clock)
    let scraper = PrometheusScraper(
      target: try ScrapeTarget(job: "swan-envoy", url: "http://\(server.address)/stats/prometheus"),
      interval: .seconds(10), store: store)
    #expect(scraper.scrapeOnce() == nil)
    total.withLock { $0 = 130 }
    clock.advance(by: 10)
    #expect(scraper.scrapeOnce() == nil)
    let rate = store.aggregate(
      name: "envoy_cluster_upstream_rq_total", labels: [Label("envoy_cluster_name", "unicorn")],
      statistic: .sum, start: 1_800_000_000, end: 1_800_000_020)
    #expect(rate == 30)
    #expect(
      store.aggregate(
        name: "envoy_cluster_upstream_cx_active", labels: [], statistic: .max, start: 1_800_000_000,
        end: 1_800_000_020) == 3)
    // Prometheus's target labels on every series; a scraped `job` is kept as `exported_job`.
    let instance = Label("instance", "\(server.address)")
    let gauges = store.query(
      try MetricQuery(
        name: "envoy_cluster_upstream_cx_active", labels: [], statistic: .max,
        start: 1_800_000_000, end: 1_800_000_020, step: 20))
    #expect(
      gauges.map(\.labels) == [
        [Label("envoy_cluster_name", "unicorn"), instance, Label("job", "swan-envoy")]
      ])
    let info = store.query(
      try MetricQuery(
        name: "build_info", labels: [], statistic: .max, start: 1_800_000_000,
        end: 1_800_000_020, step: 20))
    #expect(
      info.map(\.labels) == [
        [
          Label("exported_job", "builder"), instance, Label("job", "swan-envoy"),
          Label("version", "1"),
        ]
      ])

    let broken = PrometheusScraper(
      target: try ScrapeTarget(url: "http://\(server.address)/broken"), interval: .seconds(1),
      store: store)
    #expect(broken.scrapeOnce()?.contains("line 1") == true)
    let missing = PrometheusScraper(
      target: try ScrapeTarget(url: "http://\(server.address)/nothing"), interval: .seconds(1),
      store: store)
    #expect(missing.scrapeOnce() == "status 404")
    #expect(store.statistics().scrapes == 4)
    #expect(store.statistics().scrapeFailures == 2)
  }

  @Test func scrapeTargets_parseJobsAndURLsAndRefuseMistakes() throws {
    let targets = try ScrapeTarget.list(
      "swan-envoy=http://127.0.0.1:9901/stats/prometheus;http://127.0.0.1:9902")
    #expect(targets.map(\.job) == ["swan-envoy", ScrapeTarget.defaultJob])
    #expect(targets.map(\.address.description) == ["127.0.0.1:9901", "127.0.0.1:9902"])
    #expect(targets.map(\.path) == ["/stats/prometheus", "/"])
    let mistakes = [
      ("https://127.0.0.1:1/", "must start with http://"),
      ("a=http://127.0.0.1/metrics", "numeric HOST:PORT"),
      ("bad job=http://127.0.0.1:1/", "job name"),
      ("=http://127.0.0.1:1/", "job name"),
      ("a=http://127.0.0.1:1/;a=http://127.0.0.1:2/", "given twice"),
      (";;", "no target"),
    ]
    for (text, message) in mistakes {
      #expect {
        try ScrapeTarget.list(text)
      } throws: { error in
        (error as? MetricsAgentError)?.description.contains(message) == true
      }
    }
  }
}

import Foundation
import Testing
import Wire

@testable import Web

/// `GET /dashboard` on a real server with a real metrics agent: the charts hold the agent's
/// series and the learner's faults at the right place, everything is escaped, the range
/// picker, the alarm forms and the live refresh.
@Suite struct DashboardPageTests {
  /// The `x` of the shaded interval that starts at `start`, read from the chart `id`.
  static func intervalX(_ page: String, chart id: String, start: Double) throws -> Double {
    let figure = try #require(page.range(of: "id=\"\(id)\""))
    let rest = page[figure.upperBound...]
    let group = try #require(rest.range(of: "data-start=\"\(LineChart.number(start))\"><rect"))
    let x = try #require(rest[group.upperBound...].range(of: "x=\""))
    let value = rest[x.upperBound...].prefix { $0 != "\"" }
    return try #require(Double(value))
  }

  @Test func dashboard_drawsTheAgentsSeriesAndMarksFaultsWhereTheyHappened() async throws {
    try await MetricsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let statsd = try await MetricsFixture.startAgent(fixture, learnerID: id)
      let sandboxes = try #require(fixture.app.sandboxes)
      let started = Date().timeIntervalSince1970 - 200
      let fault = try sandboxes.history.record(
        learnerID: id, kind: "latency", target: "unicorn-v1-a", params: "{}", at: started,
        instantaneous: false)
      try sandboxes.history.end(id: fault.id, learnerID: id, at: started + 100)
      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 10, errors: 5, latencyMillis: 250), to: statsd)

      var page = ""
      var windows: [DashboardRange] = []
      try await SandboxWebFixture.waitUntil("the dashboard draws the flush", seconds: 10) {
        let before = Date().timeIntervalSince1970
        let response = try await browser.get("/dashboard")
        let after = Date().timeIntervalSince1970
        #expect(response.status == 200)
        page = response.text
        windows = [before, after].map {
          DashboardRange(preset: DashboardRange.defaultPreset, now: $0)
        }
        return page.contains("<title>unicorn-v1</title></polyline>")
      }
      // The callee's series, both sides of the edge, and the process charts are drawn.
      #expect(page.contains("<title>p99 seen by swan</title></polyline>"))
      #expect(page.contains("<title>p99 seen by unicorn-v1</title></polyline>"))
      #expect(page.contains("<title>unicorn-v1-a</title></polyline>"))
      #expect(page.contains(">latency on unicorn-v1-a</text>"))
      // The fault is shaded from where it started, on every chart's time axis.
      let expected = windows.map {
        LineChart.number(
          LineChart.x(started, window: $0.window, width: DashboardCharts.width))
      }
      for chart in ["chart-requests", "chart-edge-unicorn-v1-latency", "chart-cpu"] {
        let x = try Self.intervalX(page, chart: chart, start: started)
        #expect(expected.contains(LineChart.number(x)), "\(chart): x \(x), want \(expected)")
      }
      #expect(!page.contains("style="))
    }
  }

  @Test func dashboard_withoutARunningSandboxStillShowsFaultsAndSaysWhy() async throws {
    try await MetricsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let sandboxes = try #require(fixture.app.sandboxes)
      let now = Date().timeIntervalSince1970
      _ = try sandboxes.history.record(
        learnerID: id, kind: "<script>alert(1)</script>", target: "a\"b", params: "{}",
        at: now - 60, instantaneous: false)
      let page = try await browser.get("/dashboard?range=1h")
      #expect(page.status == 200)
      #expect(page.text.contains("your sandbox is not running"))
      #expect(page.text.contains(#"<option value="1h" selected>"#))
      #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; on a&quot;b"))
      #expect(!page.text.contains("<script>alert"))
      #expect(page.text.contains("no data yet"))

      let bad = try await browser.get("/dashboard?range=2d")
      #expect(bad.status == 400)
      #expect(bad.text.contains("range: wants one of 5m, 15m, 1h, 6h, 24h"))

      let instructor = try await InstructorSupport.instructor(fixture)
      #expect(try await instructor.get("/dashboard").status == 403)
      #expect(try await Browser(fixture).get("/dashboard").status == 303)
    }
  }

  @Test func alarmForms_createShowAndDeleteAndNameTheBadField() async throws {
    try await MetricsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      try await MetricsFixture.startAgent(fixture, learnerID: id)
      let csrf = try #require(try await browser.get("/dashboard").csrf)
      let fields = [
        ("csrf", csrf), ("range", "15m"), ("name", "slow-unicorn"),
        ("metric", "envoy.cluster.cds_ingress_demo_unicorn-v1_http_8080.upstream_rq_time"),
        ("labels", "appmesh.virtual_node:<unicorn>"), ("statistic", "p99"), ("period", "10"),
        ("comparison", "GreaterThanThreshold"), ("threshold", "200"),
        ("evaluation_periods", "3"), ("datapoints", "2"),
      ]

      let refused = try await browser.post(
        "/dashboard/alarms",
        fields.map { $0.0 == "threshold" ? ($0.0, "lots") : $0.0 == "period" ? ($0.0, "0") : $0 }
      )
      #expect(refused.status == 400)
      #expect(refused.text.contains(#"id="alarm-error-threshold" role="alert">wants a number"#))
      #expect(refused.text.contains(#"id="alarm-error-period""#))
      #expect(refused.text.contains(#"value="lots" aria-invalid="true""#))

      let tooMany = try await browser.post(
        "/dashboard/alarms", fields.map { $0.0 == "datapoints" ? ($0.0, "4") : $0 })
      #expect(tooMany.status == 400)
      #expect(
        tooMany.text.contains(
          #"id="alarm-error-datapoints" role="alert">wants 1-EvaluationPeriods"#))

      let forged = try await browser.post(
        "/dashboard/alarms", fields.map { $0.0 == "csrf" ? ($0.0, "forged") : $0 })
      #expect(forged.status == 403)

      let created = try await browser.post("/dashboard/alarms", fields)
      #expect(created.status == 303)
      #expect(created.location == "/dashboard?range=15m#alarms")
      let page = try await browser.get("/dashboard")
      #expect(page.text.contains("<td>slow-unicorn</td>"))
      #expect(page.text.contains("appmesh_virtual_node=&lt;unicorn&gt;"))
      #expect(page.text.contains(#"data-state="INSUFFICIENT_DATA">INSUFFICIENT_DATA</span>"#))
      #expect(page.text.contains("Alarm created"))

      let deleted = try await browser.post(
        "/dashboard/alarms/delete", [("csrf", csrf), ("name", "slow-unicorn")])
      #expect(deleted.status == 303)
      #expect(try await browser.get("/dashboard").text.contains("No alarms yet."))
      let missing = try await browser.post(
        "/dashboard/alarms/delete", [("csrf", csrf), ("name", "slow-unicorn")])
      #expect(missing.status == 404)
      #expect(missing.text.contains("no alarm named &#39;slow-unicorn&#39;"))
    }
  }

  @Test func events_sendFreshChartsAndAlarmStates() async throws {
    try await MetricsFixture.with { fixture in
      let (browser, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let statsd = try await MetricsFixture.startAgent(fixture, learnerID: id)
      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 4, errors: 0, latencyMillis: 30), to: statsd)
      let stream = try LabPageStream(
        fixture.server.address, path: "/dashboard/events?range=5m",
        cookie: MetricsFixture.cookie(browser))
      #expect(await stream.waitFor("text/event-stream"))
      #expect(await stream.waitFor(#""id":"chart-requests","svg":"<svg"#))
      #expect(await stream.waitFor(#""problem":null"#))
      #expect(stream.text.contains(#""alarms":[]"#))
    }
  }
}

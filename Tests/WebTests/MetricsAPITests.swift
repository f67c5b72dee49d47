import Foundation
import Testing
import Wire

@testable import Web

/// The agent's API proxied for the learner's own sandbox, against a real `sidecarlab metrics`
/// agent fed real StatsD datagrams: queries, the Prometheus text, alarms, and who may see what.
@Suite struct MetricsAPITests {
  static let requests = "envoy.cluster.cds_ingress_demo_unicorn-v1_http_8080.upstream_rq_total"

  /// A query of the last minute's `requests` total.
  static func query(labels: String = "") -> String {
    let now = Int(Date().timeIntervalSince1970)
    return
      "/api/v1/metrics/query?name=\(requests)&stat=sum&start=\(now - 60)&end=\(now + 2)&step=70"
      + (labels.isEmpty ? "" : "&labels=\(labels)")
  }

  @Test func query_answersTheLearnersOwnSeriesAndNobodyElses() async throws {
    try await MetricsFixture.with { fixture in
      let ann = try await SandboxWebFixture.learner(fixture, name: "Ann")
      let bob = try await SandboxWebFixture.learner(fixture, name: "Bob")
      let statsd = try await MetricsFixture.startAgent(fixture, learnerID: Int64(ann.id))
      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 7, errors: 0, latencyMillis: 20), to: statsd)

      var series: [[String: Any]] = []
      try await SandboxWebFixture.waitUntil("the agent holds the flush", seconds: 10) {
        let answer = try await fixture.api(
          .get, Self.query(labels: "appmesh.virtual_node:unicorn-v1"), bearer: ann.token)
        #expect(answer.status == 200)
        series = answer.object["series"] as? [[String: Any]] ?? []
        return !series.isEmpty
      }
      #expect(series.count == 1)
      #expect(series.first?["name"] as? String == Self.requests)
      // DogStatsD's `appmesh.virtual_node` tag is the label `appmesh_virtual_node`.
      #expect(
        series.first?["labels"] as? [String: String]
          == ["appmesh_mesh": "demo", "appmesh_virtual_node": "unicorn-v1"])
      #expect((series.first?["points"] as? [[Double]])?.first?.last == 7)

      // Bob has no sandbox: nothing of Ann's, and a clear reason.
      let refused = try await fixture.api(.get, Self.query(), bearer: bob.token)
      #expect(refused.status == 409)
      #expect((refused.object["error"] as? String)?.contains("not running") == true)
      // With an agent of his own, Bob's answer holds his series only: none.
      try await MetricsFixture.startAgent(fixture, learnerID: Int64(bob.id))
      let own = try await fixture.api(.get, Self.query(), bearer: bob.token)
      #expect(own.status == 200)
      #expect((own.object["series"] as? [[String: Any]])?.isEmpty == true)

      let bad = try await fixture.api(
        .get, "/api/v1/metrics/query?name=x&stat=median", bearer: ann.token)
      #expect(bad.status == 400)
      #expect((bad.object["error"] as? String)?.hasPrefix("stat:") == true)
    }
  }

  @Test func prometheus_servesTheSandboxToABearerToken() async throws {
    try await MetricsFixture.with { fixture in
      let ann = try await SandboxWebFixture.learner(fixture, name: "Ann")
      let statsd = try await MetricsFixture.startAgent(fixture, learnerID: Int64(ann.id))
      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 3, errors: 1, latencyMillis: 40), to: statsd)
      var text = ""
      var type: String?
      try await SandboxWebFixture.waitUntil("the exposition holds the flush", seconds: 10) {
        let response = try await fixture.send(
          HTTPClientRequest(
            target: "/api/v1/metrics/prometheus",
            headers: ["Authorization": "Bearer \(ann.token)"]))
        #expect(response.status.code == 200)
        type = response.headers["Content-Type"]
        text = String(decoding: response.body, as: UTF8.self)
        return text.contains("upstream_rq_5xx")
      }
      #expect(type?.hasPrefix("text/plain; version=0.0.4") == true)
      #expect(
        text.contains(
          #"envoy_cluster_cds_ingress_demo_unicorn_v1_http_8080_upstream_rq_total{appmesh_mesh="demo",appmesh_virtual_node="unicorn-v1"} 3"#
        ))
      let anonymous = try await fixture.api(.get, "/api/v1/metrics/prometheus")
      #expect(anonymous.status == 401)
      let instructor = try await InstructorSupport.instructor(fixture)
      let page = try await instructor.get("/api/v1/metrics/prometheus")
      #expect(page.status == 403)
    }
  }

  @Test func alarms_createListHistoryAndDeleteThroughTheAPI() async throws {
    try await MetricsFixture.with { fixture in
      let ann = try await SandboxWebFixture.learner(fixture, name: "Ann")
      try await MetricsFixture.startAgent(fixture, learnerID: Int64(ann.id))
      let body = """
        {"MetricName":"\(Self.requests)","Statistic":"Sum","Period":10,"EvaluationPeriods":2,\
        "Threshold":100,"ComparisonOperator":"GreaterThanThreshold",\
        "Dimensions":[{"Name":"appmesh.virtual_node","Value":"unicorn-v1"}]}
        """
      let created = try await fixture.api(
        .put, "/api/v1/alarms/busy", json: body, bearer: ann.token)
      #expect(created.status == 201)
      #expect(created.object["StateValue"] as? String == "INSUFFICIENT_DATA")
      let listed = try await fixture.api(.get, "/api/v1/alarms", bearer: ann.token)
      let alarms = try #require(listed.object["MetricAlarms"] as? [[String: Any]])
      #expect(alarms.map { $0["AlarmName"] as? String } == ["busy"])
      #expect(
        (alarms.first?["Dimensions"] as? [[String: String]])?.first?["Name"]
          == "appmesh_virtual_node")
      let history = try await fixture.api(.get, "/api/v1/alarms/busy/history", bearer: ann.token)
      #expect((history.object["AlarmHistoryItems"] as? [[String: Any]])?.count == 1)

      let invalid = try await fixture.api(
        .put, "/api/v1/alarms/odd", json: #"{"MetricName":"x"}"#, bearer: ann.token)
      #expect(invalid.status == 400)
      #expect((invalid.object["error"] as? String)?.hasPrefix("Statistic:") == true)

      // A session cookie may change alarms only from this server's own pages.
      let (browser, _) = try await InstructorSupport.learner(fixture, name: "Cy")
      let crossSite = try await fixture.send(
        HTTPClientRequest(
          method: .delete, target: "/api/v1/alarms/busy",
          headers: [
            "Cookie": MetricsFixture.cookie(browser), "Origin": "http://evil.example",
          ]))
      #expect(crossSite.status.code == 403)

      let deleted = try await fixture.api(.delete, "/api/v1/alarms/busy", bearer: ann.token)
      #expect(deleted.status == 204)
      let gone = try await fixture.api(.get, "/api/v1/alarms/busy", bearer: ann.token)
      #expect(gone.status == 404)
      #expect((gone.object["error"] as? String) == "no alarm named 'busy'")
    }
  }
}

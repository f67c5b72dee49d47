import Foundation
import Testing
import Wire

@testable import Web

/// The whole sandbox as a learner meets it: every app behind its sidecar, the sidecars'
/// stats in the metrics agent, their segments in the trace daemon, the mesh changed through
/// the App Mesh API — and the `metric` and `mesh-config` checks judging what really happened.
/// (Issues 6, 8 and 9, "end to end".)
@Suite(.serialized) struct SandboxMeshEndToEndTests {
  /// A lab of one step with one check.
  static func lab(step: String, check: String) -> String {
    """
    ---
    title: Mesh end to end
    summary: One check.
    minutes: 5
    ---
    Intro.

    ## \(step)

    \(check)

    """
  }
  static let labID = "07-mesh-e2e"

  /// Latency injected into unicorn-v2 (all of unicorn's traffic sent there through the mesh
  /// API) shows on the callee's p99 and on swan's caller-side p99 of that edge, makes
  /// `demo/unicorn-v2` slow on the service map, shows in the waterfall as unicorn's own time,
  /// and passes the `metric` check that was pending.
  @Test func latencyInUnicorn_showsOnBothSidesOfTheEdgeOnTheMapAndInTheWaterfall() async throws {
    let metric = """
      ```check metric
      condition: p99(envoy.cluster.cds_ingress_demo_unicorn-v2_http_8080.upstream_rq_time) over 30s > 250
      ```
      """
    try await Self.withSandbox(lab: Self.lab(step: "Slow callee", check: metric)) {
      fixture, learner in
      #expect(try await Self.check(fixture, learner, step: "slow-callee") == "pending")
      let routed = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(v1: 0, v2: 100),
        bearer: learner.token)
      #expect(routed.status == 200, "\(routed.object)")
      let faultStart = Date().timeIntervalSince1970
      let latency = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"latency","target":"unicorn-v2","params":{"fixed_ms":400}}"#,
        bearer: learner.token)
      #expect(latency.status == 201)

      // The callee's view (unicorn-v2's sidecar, its ingress cluster) and the caller's (swan's
      // sidecar, its egress cluster to unicorn-v2): both p99s above the injected 400 ms.
      let callee = "envoy.cluster.cds_ingress_demo_unicorn-v2_http_8080.upstream_rq_time"
      let caller = "envoy.cluster.cds_egress_demo_unicorn-v2_http_8080.upstream_rq_time"
      var calleeP99 = 0.0
      var callerP99 = 0.0
      try await SandboxWebFixture.waitUntil("both sides' p99 show the latency", seconds: 30) {
        calleeP99 = try await Self.maximum(
          fixture, learner, name: callee, stat: "p99", labels: "appmesh_virtual_node:unicorn-v2")
        callerP99 = try await Self.maximum(
          fixture, learner, name: caller, stat: "p99", labels: "appmesh_virtual_node:swan")
        return calleeP99 >= 390 && callerP99 >= 390
      }
      #expect(callerP99 >= calleeP99 * 0.99, "the caller waits at least as long as the callee")
      try await SandboxWebFixture.waitUntil("the metric check passes", seconds: 20) {
        try await Self.check(fixture, learner, step: "slow-callee") == "passed"
      }

      // The service map: unicorn-v2's sidecar is slow — its response-time histogram (minute
      // rollups, so the window also holds calls from before the fault) has calls of 400 ms.
      let window = #""StartTime": \#(faultStart), "EndTime": \#(Date().timeIntervalSince1970 + 60)"#
      try await SandboxWebFixture.waitUntil("demo/unicorn-v2 is slow on the map", seconds: 20) {
        let graph = try await fixture.api(
          .post, "/api/v1/xray/ServiceGraph", json: "{\(window)}", bearer: learner.token)
        let services = graph.object["Services"] as? [[String: Any]] ?? []
        return Self.slowCalls(services, "demo/unicorn-v2", atLeast: 0.39) >= 3
      }

      // The waterfall of a slow trace: the time is unicorn's own, under its sidecar's.
      let summaries = try await fixture.api(
        .post, "/api/v1/xray/TraceSummaries",
        json: #"{\#(window), "FilterExpression": "responsetime > 0.39"}"#, bearer: learner.token)
      let slowID = try #require(
        (summaries.object["TraceSummaries"] as? [[String: Any]])?.first?["Id"] as? String)
      let traces = try await fixture.api(
        .post, "/api/v1/xray/Traces", json: #"{"TraceIds":["\#(slowID)"]}"#, bearer: learner.token)
      let segments = try #require(
        ((traces.object["Traces"] as? [[String: Any]])?.first?["Segments"] as? [[String: Any]]))
      let durations = try segments.reduce(into: [String: Double]()) { result, segment in
        let text = try #require(segment["Document"] as? String)
        let document = try #require(
          try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        guard let name = document["name"] as? String, let start = document["start_time"] as? Double,
          let end = document["end_time"] as? Double
        else { return }
        result[name] = max(result[name] ?? 0, end - start)
      }
      #expect((durations["unicorn"] ?? 0) >= 0.39, "\(durations)")
      #expect((durations["demo/unicorn-v2"] ?? 0) >= (durations["unicorn"] ?? 0))
      #expect((durations["swan"] ?? 0) >= (durations["demo/unicorn-v2"] ?? 0))
    }
  }

  /// With half of unicorn's answers failing, the client sees about half of its calls fail; a
  /// retry policy added through the App Mesh API makes swan's sidecar retry (the retry counter
  /// rises) and the failures seen by the client fall; the `mesh-config` check passes after.
  @Test func retryPolicyThroughTheMeshAPI_raisesRetriesAndLowersClientErrors() async throws {
    let meshConfig = """
      ```check mesh-config
      resource: virtualRouter/unicorn-router/route/unicorn-route
      path: httpRoute.retryPolicy.maxRetries
      at-least: 2
      ```
      """
    try await Self.withSandbox(lab: Self.lab(step: "Retries on", check: meshConfig)) {
      fixture, learner in
      #expect(try await Self.check(fixture, learner, step: "retries-on") == "pending")
      let routed = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(v1: 0, v2: 100),
        bearer: learner.token)
      #expect(routed.status == 200)
      let errors = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"errors","target":"unicorn-v2","params":{"status":503,"percent":50}}"#,
        bearer: learner.token)
      #expect(errors.status == 201)
      let swan = try Self.swanAddress(fixture, learner)
      let before = try await Self.failures(of: 40, to: swan)
      #expect(before >= 8, "about half of 40 calls fail without retries, not \(before)")

      let policy =
        #"{"maxRetries": 5, "perRetryTimeout": {"value": 2, "unit": "s"}, "httpRetryEvents": ["server-error"]}"#
      let retried = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(v1: 0, v2: 100, retry: policy),
        bearer: learner.token)
      #expect(retried.status == 200, "\(retried.object)")
      let answers = retried.object["sidecars"] as? [[String: Any]] ?? []
      #expect(answers.count == 4 && answers.allSatisfy { $0["status"] as? String == "applied" })
      let after = try await Self.failures(of: 40, to: swan)
      // Six tries each failing half the time: about 1.6% of calls still fail.
      #expect(after <= 4, "with retries at most a few of 40 calls fail, not \(after)")
      #expect(after < before)

      let retries = "envoy.cluster.cds_egress_demo_unicorn-v2_http_8080.upstream_rq_retry"
      try await SandboxWebFixture.waitUntil("swan's sidecar counts retries", seconds: 20) {
        try await Self.maximum(
          fixture, learner, name: retries, stat: "sum", labels: "appmesh_virtual_node:swan") > 0
      }
      // The same counter as the metrics agent scrapes it from swan's sidecar's
      // /stats/prometheus (every 5 s), under Prometheus's target labels.
      try await SandboxWebFixture.waitUntil("the scraped retry counter rises", seconds: 20) {
        try await Self.maximum(
          fixture, learner, name: "envoy_cluster_upstream_rq_retry", stat: "max",
          labels: "job:swan-envoy,envoy_cluster_name:cds_egress_demo_unicorn-v2_http_8080") > 0
      }
      #expect(try await Self.check(fixture, learner, step: "retries-on") == "passed")
    }
  }

  /// The network faults act on the wire at unicorn-v2's sidecar (all of unicorn's traffic
  /// sent there, with a 1 s route timeout, through the mesh API): added latency slows swan's
  /// calls, a reset makes swan's sidecar answer 503, a blackhole runs into the route timeout
  /// (504); each call is answered normally once its fault is ended.
  @Test func networkFaultsAtASidecar_slowResetAndSwallowTheCalls() async throws {
    let meshConfig = """
      ```check mesh-config
      resource: virtualRouter/unicorn-router/route/unicorn-route
      path: httpRoute.timeout.perRequest
      exists: true
      ```
      """
    try await Self.withSandbox(lab: Self.lab(step: "Timeout set", check: meshConfig)) {
      fixture, learner in
      let body = """
        {"spec": {"httpRoute": {"match": {"prefix": "/"}, "action": {"weightedTargets": [\
        {"virtualNode": "unicorn-v1", "weight": 0}, {"virtualNode": "unicorn-v2", "weight": 100}]}, \
        "timeout": {"perRequest": {"value": 1, "unit": "s"}}}}}
        """
      let routed = try await fixture.api(.put, MeshFixture.route, json: body, bearer: learner.token)
      #expect(routed.status == 200, "\(routed.object)")
      let swan = try Self.swanAddress(fixture, learner)
      let client = HTTPClient()
      defer { client.close() }
      func call() async throws -> (status: Int, took: Duration) {
        let start = ContinuousClock.now
        let response = try await client.send(HTTPClientRequest(target: "/unicorn"), to: swan)
        return (response.status.code, ContinuousClock.now - start)
      }
      func withFault(_ kind: String, _ params: String, _ body: () async throws -> Void)
        async throws
      {
        let applied = try await fixture.api(
          .post, "/api/v1/faults",
          json: #"{"kind":"\#(kind)","target":"unicorn-v2-envoy","params":\#(params)}"#,
          bearer: learner.token)
        #expect(applied.status == 201, "\(applied.object)")
        try await body()
        let id = try #require(applied.object["id"] as? Int)
        #expect(
          try await fixture.api(.delete, "/api/v1/faults/\(id)", bearer: learner.token).status
            == 204)
        let after = try await call()
        #expect(after.status == 200 && after.took < .milliseconds(500), "after \(kind): \(after)")
      }

      try await withFault("network-latency", #"{"latency_ms":600}"#) {
        let slowed = try await call()
        #expect(slowed.status == 200 && slowed.took >= .milliseconds(600), "\(slowed)")
      }
      try await withFault("connection-reset", "{}") {
        let reset = try await call()
        #expect(reset.status == 503, "\(reset)")
      }
      try await withFault("blackhole", "{}") {
        let swallowed = try await call()
        #expect(swallowed.status == 504, "\(swallowed)")
        #expect(swallowed.took >= .seconds(1) && swallowed.took < .seconds(5))
      }
    }
  }

  // MARK: - Support

  /// A server with sandboxes and the lab, a learner who opened it, and their sandbox running
  /// with every process healthy.
  static func withSandbox(
    lab: String, _ body: (WebServerFixture, (token: String, id: Int)) async throws -> Void
  ) async throws {
    let executable = try SandboxWebFixture.executable()
    try await WebServerFixture.with(configure: { configuration in
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      configuration.sandboxExecutable = executable
      let folder = configuration.labsFolder + "/" + labID
      try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try? lab.write(toFile: folder + "/lab.md", atomically: true, encoding: .utf8)
    }) { fixture in
      let learner = try await SandboxWebFixture.learner(fixture, name: "Eve")
      let opened = try await fixture.api(
        .post, "/api/v1/labs/\(labID)/open", json: "{}", bearer: learner.token)
      #expect(opened.status == 200, "\(opened.object)")
      #expect(try await fixture.api(.post, "/api/v1/sandbox", bearer: learner.token).status == 202)
      try await SandboxWebFixture.waitUntil("every process is healthy", seconds: 40) {
        try await fixture.api(.get, "/api/v1/sandbox", bearer: learner.token).object["allHealthy"]
          as? Bool == true
      }
      try await body(fixture, learner)
    }
  }

  /// The outcome of the step's first check after running its checks now.
  static func check(
    _ fixture: WebServerFixture, _ learner: (token: String, id: Int), step: String
  ) async throws -> String? {
    let result = try await fixture.api(
      .post, "/api/v1/labs/\(labID)/steps/\(step)/check", json: "{}", bearer: learner.token)
    let checks = MeshFixture.value(result.object, "step", "checks") as? [[String: Any]]
    return checks?.first?["outcome"] as? String
  }

  /// The largest value of `stat` of `name` over the last 30 s, across matching series.
  static func maximum(
    _ fixture: WebServerFixture, _ learner: (token: String, id: Int), name: String,
    stat: String, labels: String
  ) async throws -> Double {
    let now = Int(Date().timeIntervalSince1970)
    let answer = try await fixture.api(
      .get,
      "/api/v1/metrics/query?name=\(name)&stat=\(stat)&labels=\(labels)&start=\(now - 30)"
        + "&end=\(now + 1)",
      bearer: learner.token)
    let series = answer.object["series"] as? [[String: Any]] ?? []
    return series.flatMap { ($0["points"] as? [[Any]]) ?? [] }
      .compactMap { $0.count == 2 ? ($0[1] as? NSNumber)?.doubleValue : nil }.max() ?? 0
  }

  /// How many calls to the service named `name` took at least `seconds`, from its
  /// `ResponseTimeHistogram` (`[{"Value": seconds, "Count": n}]`).
  static func slowCalls(_ services: [[String: Any]], _ name: String, atLeast seconds: Double)
    -> Int
  {
    let service = services.first { $0["Name"] as? String == name }
    let histogram = service?["ResponseTimeHistogram"] as? [[String: Any]] ?? []
    return histogram.reduce(0) { total, entry in
      guard let value = (entry["Value"] as? NSNumber)?.doubleValue, value >= seconds else {
        return total
      }
      return total + ((entry["Count"] as? NSNumber)?.intValue ?? 0)
    }
  }

  static func swanAddress(_ fixture: WebServerFixture, _ learner: (token: String, id: Int))
    throws -> SocketAddress
  {
    let agent = try #require(fixture.app.sandboxAgent)
    let port = try #require(
      agent.status(sandboxID: "learner-\(learner.id)")?.process("swan")?.ports["http"])
    return try #require(SocketAddress(host: "127.0.0.1", port: port))
  }

  /// How many of `count` calls to swan's `/unicorn` do not answer 200.
  static func failures(of count: Int, to swan: SocketAddress) async throws -> Int {
    let client = HTTPClient()
    defer { client.close() }
    var failed = 0
    for _ in 0..<count {
      let response = try await client.send(HTTPClientRequest(target: "/unicorn"), to: swan)
      if response.status.code != 200 { failed += 1 }
    }
    return failed
  }
}

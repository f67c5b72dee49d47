import Foundation
import Glibc
import Sandbox
import Store
import Testing
import Tracer
import Wire

@testable import Web

/// The sandbox API over real sockets with real processes (issue 3 item 5).
@Suite(.serialized) struct SandboxAPITests {
  @Test func sandbox_startsHealthyTakesEveryFaultAndStopsWithoutLeftovers() async throws {
    try await SandboxWebFixture.with { fixture in
      let ada = try await SandboxWebFixture.learner(fixture, name: "Ada")
      let started = ContinuousClock.now
      let start = try await fixture.api(.post, "/api/v1/sandbox", bearer: ada.token)
      #expect(start.status == 202)
      #expect(start.object["id"] as? String == "learner-\(ada.id)")
      var status: [String: Any] = [:]
      try await SandboxWebFixture.waitUntil("every process is healthy", seconds: 20) {
        status = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
        return status["allHealthy"] as? Bool == true
      }
      print("sandbox: POST /api/v1/sandbox to allHealthy in \(ContinuousClock.now - started)")
      #expect(status["phase"] as? String == "running")
      let swanStatus = try #require(SandboxWebFixture.process("swan", in: status))
      #expect(swanStatus["role"] as? String == "swan")
      #expect(swanStatus["state"] as? String == "healthy")
      #expect(swanStatus["health"] as? String == "healthy")
      #expect(swanStatus["pid"] as? Int != nil)
      #expect(swanStatus["restarts"] as? Int == 0)
      #expect(swanStatus["lastExit"] is NSNull)
      #expect(swanStatus["ports"] == nil)

      // The apps' X-Ray segments reach the sandbox's trace daemon (issue 8): the loadgen's
      // requests make swan and unicorn services, and their sidecars the hops between them.
      let root = try #require(fixture.app.configuration.sandboxRoot)
      let traces = try TraceStore(path: "\(root)/learner-\(ada.id)/tracer/traces.sqlite")
      defer { traces.close() }
      var graph = ServiceGraph()
      // Every hop of the mesh on the map: the client reaches swan's sidecar, swan calls through
      // its sidecar, which calls a unicorn sidecar, which calls unicorn.
      let hops: Set<String> = [
        "→demo/swan", "demo/swan→swan", "swan→demo/swan", "demo/unicorn-v1→unicorn",
      ]
      try await SandboxWebFixture.waitUntil("the mesh's hops in the service graph", seconds: 20) {
        let now = Date().timeIntervalSince1970
        graph = try traces.serviceGraph(start: now - 300, end: now + 60)
        let edges = Set(graph.edges.keys.map { "\($0.source)→\($0.target)" })
        return hops.isSubset(of: edges)
          && edges.contains { $0.hasPrefix("demo/swan→demo/unicorn-") }
      }
      #expect(graph.services["swan"] != nil && graph.services["unicorn"] != nil)

      // Latency on unicorn-v1-a, one of the instances swan's sidecar balances over, seen by a
      // client of swan: some call soon takes the slow instance (each does with p ≈ 0.45).
      let agent = try #require(fixture.app.sandboxAgent)
      let swanPort = try #require(
        agent.status(sandboxID: "learner-\(ada.id)")?.process("swan")?.ports["http"])
      let swan = try #require(SocketAddress(host: "127.0.0.1", port: swanPort))
      let client = HTTPClient()
      defer { client.close() }
      func timedCallThroughSwan() async throws -> Duration {
        let before = ContinuousClock.now
        let response = try await client.send(HTTPClientRequest(target: "/unicorn"), to: swan)
        #expect(response.status.code == 200)
        return ContinuousClock.now - before
      }
      let latency = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"latency","target":"unicorn-v1-a","params":{"fixed_ms":1500}}"#,
        bearer: ada.token)
      #expect(latency.status == 201)
      #expect(latency.object["endedAt"] is NSNull)
      #expect((latency.object["params"] as? [String: Any])?["fixed_ms"] as? Int == 1500)
      let latencyID = try #require(latency.object["id"] as? Int)
      var slowest = Duration.zero
      for _ in 0..<40 where slowest < .milliseconds(1500) {
        slowest = max(slowest, try await timedCallThroughSwan())
      }
      #expect(slowest >= .milliseconds(1500))
      let ended = try await fixture.api(.delete, "/api/v1/faults/\(latencyID)", bearer: ada.token)
      #expect(ended.status == 204)
      for _ in 0..<5 { #expect(try await timedCallThroughSwan() < .milliseconds(1000)) }
      #expect(
        try await fixture.api(.delete, "/api/v1/faults/\(latencyID)", bearer: ada.token).status
          == 404)

      // Refusals name what is wrong.
      let outOfRange = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"latency","target":"unicorn-v1-a","params":{"fixed_ms":999999}}"#,
        bearer: ada.token)
      #expect(outOfRange.status == 400)
      #expect((outOfRange.object["error"] as? String)?.hasPrefix("fixed_ms:") == true)
      let unknownKind = try await fixture.api(
        .post, "/api/v1/faults", json: #"{"kind":"meteor","target":"swan"}"#, bearer: ada.token)
      #expect(unknownKind.status == 400)
      #expect((unknownKind.object["error"] as? String)?.hasPrefix("kind:") == true)
      let wrongTarget = try await fixture.api(
        .post, "/api/v1/faults", json: #"{"kind":"cpu-hog","target":"loadgen"}"#,
        bearer: ada.token)
      #expect(wrongTarget.status == 400)
      #expect((wrongTarget.object["error"] as? String)?.hasPrefix("target:") == true)
      let badSignal = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"kill","target":"swan","params":{"signal":"SIGSTOP"}}"#,
        bearer: ada.token)
      #expect(badSignal.status == 400)
      #expect((badSignal.object["error"] as? String)?.hasPrefix("signal:") == true)

      // A crash with exit code 42 is recorded as such, and the process comes back.
      let crash = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"crash","target":"unicorn-v2","params":{"exit_code":42}}"#,
        bearer: ada.token)
      #expect(crash.status == 201)
      try await SandboxWebFixture.waitUntil("unicorn-v2 exited 42 and restarted", seconds: 15) {
        let now = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
        let process = SandboxWebFixture.process("unicorn-v2", in: now)
        let exit = process?["lastExit"] as? [String: Any]
        return exit?["code"] as? Int == 42 && (process?["restarts"] as? Int ?? 0) >= 1
      }

      // kill is instantaneous: its record ends as it starts.
      let kill = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"kill","target":"unicorn-v1-b","params":{"signal":"SIGKILL"}}"#,
        bearer: ada.token)
      #expect(kill.status == 201)
      #expect(kill.object["endedAt"] as? String == kill.object["startedAt"] as? String)
      try await SandboxWebFixture.waitUntil("unicorn-v1-b was killed by signal 9", seconds: 10) {
        let now = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
        let exit = SandboxWebFixture.process("unicorn-v1-b", in: now)?["lastExit"] as? [String: Any]
        return exit?["signal"] as? Int == 9
      }

      // freeze makes the health check fail; ending it (thaw) makes it pass again.
      let freeze = try await fixture.api(
        .post, "/api/v1/faults", json: #"{"kind":"freeze","target":"unicorn-v1-a"}"#,
        bearer: ada.token)
      #expect(freeze.status == 201)
      let freezeID = try #require(freeze.object["id"] as? Int)
      func health(_ name: String) async throws -> String? {
        let now = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
        return SandboxWebFixture.process(name, in: now)?["health"] as? String
      }
      try await SandboxWebFixture.waitUntil("frozen unicorn-v1-a is unhealthy", seconds: 20) {
        try await health("unicorn-v1-a") == "unhealthy"
      }
      #expect(
        try await fixture.api(.delete, "/api/v1/faults/\(freezeID)", bearer: ada.token).status
          == 204)
      try await SandboxWebFixture.waitUntil("thawed unicorn-v1-a is healthy", seconds: 20) {
        try await health("unicorn-v1-a") == "healthy"
      }

      // Another learner sees neither the sandbox nor the faults.
      let bob = try await SandboxWebFixture.learner(fixture, name: "Bob")
      let bobStatus = try await fixture.api(.get, "/api/v1/sandbox", bearer: bob.token)
      #expect(bobStatus.status == 404)
      #expect(
        bobStatus.object["error"] as? String == "no sandbox; start one with POST /api/v1/sandbox")
      let crashID = try #require(crash.object["id"] as? Int)
      #expect(
        try await fixture.api(.delete, "/api/v1/faults/\(crashID)", bearer: bob.token).status
          == 404)
      let bobFaults = try await fixture.api(.get, "/api/v1/faults", bearer: bob.token)
      #expect((bobFaults.object["faults"] as? [Any])?.isEmpty == true)

      // Ada's list: the catalog and her faults, newest first.
      let listing = try await fixture.api(.get, "/api/v1/faults", bearer: ada.token).object
      let catalog = try #require(listing["catalog"] as? [[String: Any]])
      #expect(
        catalog.compactMap { $0["kind"] as? String } == [
          "latency", "errors", "crash", "memory-leak", "cpu-hog", "failing-health", "log-flood",
          "network-latency", "connection-reset", "blackhole", "freeze", "kill",
        ])
      #expect(
        catalog.first { $0["kind"] as? String == "blackhole" }?["targets"] as? [String] == [
          "unicorn-v1-a-envoy", "unicorn-v1-b-envoy", "unicorn-v2-envoy", "swan-envoy",
        ])
      #expect(
        catalog.first?["targets"] as? [String] == [
          "unicorn-v1-a", "unicorn-v1-b", "unicorn-v2", "swan",
        ])
      let faults = try #require(listing["faults"] as? [[String: Any]])
      #expect(
        faults.compactMap { $0["kind"] as? String } == ["freeze", "kill", "crash", "latency"])

      // Every fault is in the database with its time (the fixture's clock).
      let rows = try fixture.app.database.read { connection in
        try connection.query(
          "SELECT kind, target, started_at, ended_at FROM faults WHERE learner_id = ? ORDER BY id",
          [.integer(Int64(ada.id))])
      }
      let now = fixture.clock.now.timeIntervalSince1970
      #expect(rows.compactMap { $0.string("kind") } == ["latency", "crash", "kill", "freeze"])
      #expect(rows.allSatisfy { $0.double("started_at") == now })
      #expect(rows.map { $0.double("ended_at") } == [now, nil, now, now])

      // Stopping ends the open faults and leaves no process behind.
      let pids = try #require(
        (status["processes"] as? [[String: Any]])?.compactMap { $0["pid"] as? Int })
      var last: [String: Any] = [:]
      try await SandboxWebFixture.waitUntil("every process is back up", seconds: 20) {
        last = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
        return last["allHealthy"] as? Bool == true
      }
      let lastPIDs = (last["processes"] as? [[String: Any]])?.compactMap { $0["pid"] as? Int } ?? []
      #expect(lastPIDs.count == TaskDefinition.demo.containers.count)
      #expect(try await fixture.api(.delete, "/api/v1/sandbox", bearer: ada.token).status == 204)
      for pid in Set(pids + lastPIDs) {
        #expect(Glibc.kill(pid_t(pid), 0) == -1 && errno == ESRCH, "process \(pid) is still there")
      }
      let stopped = try await fixture.api(.get, "/api/v1/sandbox", bearer: ada.token).object
      #expect(stopped["phase"] as? String == "stopped")
      let open = try fixture.app.database.read { connection in
        try connection.queryOne(
          "SELECT count(*) AS open FROM faults WHERE ended_at IS NULL", [])
      }
      #expect(open?.int("open") == 0)
    }
  }

  @Test func sandboxAPI_refusesInstructorsAndAnonymousCallers() async throws {
    try await SandboxWebFixture.with { fixture in
      try fixture.app.addInstructor(name: "Grace", password: "a long password")
      let signedIn = try await fixture.api(
        .post, "/api/v1/signin", json: #"{"name":"Grace","password":"a long password"}"#)
      let token = try #require(signedIn.object["token"] as? String)
      for (method, path) in [
        (HTTPMethod.post, "/api/v1/sandbox"), (.get, "/api/v1/sandbox"), (.get, "/api/v1/faults"),
      ] {
        let instructor = try await fixture.api(method, path, bearer: token)
        #expect(instructor.status == 403, "\(method) \(path)")
        #expect(try await fixture.api(method, path).status == 401, "\(method) \(path)")
      }
      #expect(fixture.app.sandboxAgent?.sandboxIDs.isEmpty == true)
    }
  }

  @Test func sandboxAPI_withoutSandboxRoot_is503() async throws {
    try await WebServerFixture.with { fixture in
      let learner = try await SandboxWebFixture.learner(fixture, name: "Ada")
      let refused = try await fixture.api(.post, "/api/v1/sandbox", bearer: learner.token)
      #expect(refused.status == 503)
      #expect(refused.object["error"] as? String == "sandboxes are not enabled on this server")
      #expect(fixture.app.sandboxAgent == nil)
    }
  }
}

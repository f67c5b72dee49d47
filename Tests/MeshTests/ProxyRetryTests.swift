import Mesh
import Testing
import Wire

/// Envoy's router retries, wired into the engine: which failures retry, per-try timeouts, and
/// the stats Envoy counts.
@Suite struct ProxyRetryTests {
  static func status(_ code: Int) -> RawUpstream.Action {
    .respond(Array("HTTP/1.1 \(code) X\r\nContent-Length: 2\r\n\r\n\(code / 100)x".utf8))
  }

  private struct Setup {
    let harness: ProxyHarness
    let a: RawUpstream
    let b: RawUpstream
    let cluster: String

    init(_ behaviour: @escaping @Sendable (Int) -> RawUpstream.Action) throws {
      a = try RawUpstream(behaviour)
      b = try RawUpstream { _ in ProxyRetryTests.status(200) }
      let table = try MeshFixture.table(a: a.address, b: b.address)
      cluster = table.clusters.first { $0.virtualNode == "back-a" }!.name
      harness = try ProxyHarness(
        configuration: ProxyServer.Configuration(
          listen: SocketAddress("127.0.0.1:0")!, routes: table, direction: .egress))
    }

    func get(_ path: String) throws -> TestClient.Response {
      let client = try harness.client()
      try client.send("GET \(path) HTTP/1.1\r\nHost: back.local\r\n\r\n")
      return try client.response()
    }

    func stat(_ name: String) -> String? {
      let prefix = "cluster.\(cluster).\(name): "
      return harness.proxy.stats.renderText().split(separator: "\n")
        .first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    func stop() {
      harness.stop()
      a.stop()
      b.stop()
    }
  }

  @Test func retries_503Then503Then200_countAsEnvoyCounts() throws {
    let setup = try Setup { n in n < 2 ? Self.status(503) : Self.status(200) }
    defer { setup.stop() }
    #expect(try setup.get("/retry").status == 200)
    _ = setup.harness.accessLog(count: 1)
    #expect(setup.stat("upstream_rq_total") == "3")
    #expect(setup.stat("upstream_rq_503") == "2")
    #expect(setup.stat("upstream_rq_200") == "1")
    #expect(setup.stat("upstream_rq_retry") == "2")
    #expect(setup.stat("upstream_rq_retry_success") == "1")
  }

  @Test func retriesExhausted_forwardTheLastAnswerWithURX() throws {
    let setup = try Setup { _ in Self.status(503) }
    defer { setup.stop() }
    #expect(try setup.get("/retry").status == 503)
    #expect(setup.harness.accessLog(count: 1).first?.contains("\" 503 URX ") == true)
    #expect(setup.a.receivedHeads.count == 3)
  }

  @Test func perTryTimeout_retriesASilentTry() throws {
    let setup = try Setup { n in n == 0 ? .silence : Self.status(200) }
    defer { setup.stop() }
    let started = ContinuousClock.now
    #expect(try setup.get("/retry").status == 200)
    #expect(ContinuousClock.now - started >= .milliseconds(150))
    _ = setup.harness.accessLog(count: 1)
    #expect(setup.stat("upstream_rq_per_try_timeout") == "1")
  }

  @Test func routeWithoutRetries_doesNotRetry() throws {
    let setup = try Setup { _ in Self.status(503) }
    defer { setup.stop() }
    for _ in 0..<4 { _ = try setup.get("/") }
    #expect(setup.a.receivedHeads.count + setup.b.receivedHeads.count == 4)
  }

  @Test func retriedRequest_keepsItsRequestID() throws {
    let setup = try Setup { n in n < 1 ? Self.status(503) : Self.status(200) }
    defer { setup.stop() }
    #expect(try setup.get("/retry").status == 200)
    let ids = setup.a.receivedHeads.map { head in
      head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }
    }
    #expect(ids.count == 2)
    #expect(ids[0] != nil && ids[0] == ids[1])
  }

  @Test func outlierDetection_ejectsTheHostThatKeepsFailing() throws {
    let setup = try Setup { _ in Self.status(500) }
    defer { setup.stop() }
    var failures = 0
    for _ in 0..<10 where try setup.get("/watched").status == 500 { failures += 1 }
    #expect(failures == 2)
    _ = setup.harness.accessLog(count: 10)
    let watched = try MeshFixture.table(a: setup.a.address, b: setup.b.address).clusters
      .first { $0.virtualNode == "back-d" }!.name
    let stats = setup.harness.proxy.stats.renderText()
    #expect(stats.contains("cluster.\(watched).outlier_detection.ejections_active: 1"))
    #expect(stats.contains("cluster.\(watched).outlier_detection.ejections_enforced_total: 1"))
  }
}

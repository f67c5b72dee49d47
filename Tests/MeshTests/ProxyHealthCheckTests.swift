import Glibc
import Mesh
import Testing
import Wire

/// Active health checks: a host comes into rotation when its check passes and leaves it when
/// its checks fail; with no healthy host the proxy answers 503 `UH`.
@Suite struct ProxyHealthCheckTests {
  private func ingress(
    node: String, app: RawUpstream, readiness: ProxyReadiness? = nil
  ) throws -> (ProxyHarness, String) {
    let json = MeshFixture.json(a: app.address, b: app.address)
    let table = try RouteTable(document: MeshDocument(json: Array(json.utf8)), node: node)
    var configuration = ProxyServer.Configuration(
      listen: SocketAddress("127.0.0.1:0")!, routes: table, direction: .ingress)
    configuration.readiness = readiness
    let harness = try ProxyHarness(configuration: configuration)
    return (harness, table.clusters[0].name)
  }

  /// Envoy's cluster warming: not `LIVE` while the first check of a host is pending (here the
  /// app never answers, so until the 500 ms check timeout), `LIVE` once it has a result, even
  /// a failed one.
  @Test func readiness_waitsForTheFirstCheckOfEveryHost() throws {
    let app = try RawUpstream { _ in .silence }
    let readiness = ProxyReadiness(loops: 1)
    let (harness, cluster) = try ingress(node: "back-e", app: app, readiness: readiness)
    defer {
      harness.stop()
      app.stop()
    }
    #expect(!readiness.isLive)
    #expect(waitForStat(harness, "cluster.\(cluster).health_check.failure: 1"))
    #expect(readiness.isLive)
    #expect(harness.proxy.stats.renderText().contains("cluster.\(cluster).membership_healthy: 0"))
  }

  @Test func readiness_isLiveAtOnceWithoutHealthChecks() throws {
    let app = try RawUpstream { _ in .silence }
    let readiness = ProxyReadiness(loops: 1)
    let (harness, _) = try ingress(node: "back-b", app: app, readiness: readiness)
    defer {
      harness.stop()
      app.stop()
    }
    let deadline = ContinuousClock.now + .seconds(5)
    while !readiness.isLive && ContinuousClock.now < deadline { usleep(2000) }
    #expect(readiness.isLive)
  }

  /// Waits until `line` shows in `/stats`.
  private func waitForStat(_ harness: ProxyHarness, _ line: String) -> Bool {
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline {
      if harness.proxy.stats.renderText().split(separator: "\n").contains(Substring(line)) {
        return true
      }
      usleep(5000)
    }
    return false
  }

  @Test func passingCheck_bringsTheHostIntoRotation() throws {
    let app = try RawUpstream { _ in
      .respond(Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))
    }
    let (harness, cluster) = try ingress(node: "back-e", app: app)
    defer {
      harness.stop()
      app.stop()
    }
    #expect(waitForStat(harness, "cluster.\(cluster).membership_healthy: 1"))
    let client = try harness.client()
    try client.send("GET /work HTTP/1.1\r\nHost: e\r\n\r\n")
    #expect(try client.response().text == "ok")
    #expect(app.receivedHeads.contains { $0.hasPrefix("GET /health HTTP/1.1") })
  }

  @Test func failingCheck_leavesNoHealthyUpstream() throws {
    let app = try RawUpstream { _ in
      .respond(Array("HTTP/1.1 503 Down\r\nContent-Length: 0\r\n\r\n".utf8))
    }
    let (harness, cluster) = try ingress(node: "back-e", app: app)
    defer {
      harness.stop()
      app.stop()
    }
    #expect(waitForStat(harness, "cluster.\(cluster).health_check.failure: 2"))
    let client = try harness.client()
    try client.send("GET /work HTTP/1.1\r\nHost: e\r\n\r\n")
    #expect(try client.response().status == 503)
    #expect(harness.accessLog(count: 1).first?.contains("\" 503 UH ") == true)
  }
}

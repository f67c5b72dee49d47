import Glibc
import Mesh
import Testing
import Wire

/// Network toxics (Toxiproxy's model) set through the admin listener, and their effect on the
/// wire: latency, resets, blackholes, on the ingress listener and on calls to a service.
@Suite struct ProxyToxicsTests {
  private static let ok = RawUpstream.Action.respond(
    Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8))

  /// A proxy (its admin listener serving the toxics API) in front of `upstream`.
  private final class Rig: Sendable {
    let harness: ProxyHarness
    let registry: ToxicRegistry
    let admin: AdminServer
    /// Upstreams the rig made itself, stopped with it.
    let upstreams: [RawUpstream]

    init(_ configuration: ProxyServer.Configuration, upstreams: [RawUpstream] = []) throws {
      self.upstreams = upstreams
      harness = try ProxyHarness(configuration: configuration)
      registry = ToxicRegistry(proxies: [harness.proxy])
      admin = try AdminServer(
        address: SocketAddress("127.0.0.1:0")!, stats: harness.proxy.stats,
        configDump: { [] }, extraRoutes: registry.routes)
    }

    /// Quick mode: ingress to one upstream answering 200.
    static func ingressToAnUpstream() throws -> Rig {
      let upstream = try RawUpstream { _ in ok }
      return try Rig(
        ProxyServer.Configuration(
          listen: SocketAddress("127.0.0.1:0")!, upstream: upstream.address),
        upstreams: [upstream])
    }

    /// `front`'s egress in ``MeshFixture``: `back.local` → two upstreams answering 200.
    static func egressToTwoUpstreams() throws -> Rig {
      let (a, b) = (try RawUpstream { _ in ok }, try RawUpstream { _ in ok })
      return try Rig(
        ProxyServer.Configuration(
          listen: SocketAddress("127.0.0.1:0")!,
          routes: MeshFixture.table(a: a.address, b: b.address), direction: .egress),
        upstreams: [a, b])
    }

    func admin(_ method: String, _ path: String, body: String = "") throws -> TestClient.Response {
      let client = try TestClient(admin.address)
      try client.send(
        "\(method) \(path) HTTP/1.1\r\nHost: admin\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
      )
      return try client.response()
    }

    /// Adds a toxic and waits until the proxy's loop has it (its mailbox job ran).
    func add(_ json: String) throws {
      let response = try admin("POST", "/toxics", body: json)
      #expect(response.status == 200, "\(response.text)")
    }

    func stop() {
      admin.stop()
      harness.stop()
      for upstream in upstreams { upstream.stop() }
    }
  }

  private static func get(
    _ client: TestClient, _ path: String, host: String = "x", extra: String = ""
  )
    throws -> (TestClient.Response, Duration)
  {
    let start = ContinuousClock.now
    try client.send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(extra)\r\n")
    let response = try client.response()
    return (response, ContinuousClock.now - start)
  }

  @Test func latency_delaysTheResponseAndGoesAwayWhenDeleted() throws {
    let rig = try Rig.ingressToAnUpstream()
    defer { rig.stop() }
    try rig.add(
      #"{"name": "slow", "type": "latency", "service": "ingress", "attributes": {"latency": 400}}"#
    )
    let listed = try rig.admin("GET", "/toxics").text
    #expect(
      listed
        == #"[{"name":"slow","type":"latency","stream":"downstream","toxicity":1,"attributes":{"latency":400,"jitter":0},"service":"ingress"}]"#
    )
    let client = try rig.harness.client()
    let (slowed, slowTime) = try Self.get(client, "/")
    #expect(slowed.status == 200)
    #expect(slowTime >= .milliseconds(400))
    let serviceTime = Int(slowed.head.headers["x-envoy-upstream-service-time"] ?? "") ?? 0
    #expect(serviceTime >= 400, "the held response counts in the upstream service time")
    #expect(try rig.admin("DELETE", "/toxics/slow").status == 204)
    #expect(try rig.admin("GET", "/toxics").text == "[]")
    let (_, fastTime) = try Self.get(client, "/")
    #expect(fastTime < .milliseconds(300))
    #expect(try rig.admin("DELETE", "/toxics/slow").status == 404)
  }

  @Test func latencyUpstream_holdsTheRequestBeforeItGoesOut() throws {
    let rig = try Rig.egressToTwoUpstreams()
    defer { rig.stop() }
    try rig.add(
      #"{"type": "latency", "stream": "upstream", "service": "back.local", "attributes": {"latency": 300, "jitter": 50}}"#
    )
    let client = try rig.harness.client()
    let (response, elapsed) = try Self.get(client, "/", host: "back.local")
    #expect(response.status == 200)
    #expect(elapsed >= .milliseconds(250))
    let duration = rig.harness.accessLog(count: 1).first?.split(separator: " ")[8]
    #expect((Int(duration ?? "") ?? 0) >= 250, "the access log's duration shows the delay")
    // Calls to other services are not harmed: nowhere.local has no route at all.
    let (unknown, quick) = try Self.get(client, "/", host: "nowhere.local")
    #expect(unknown.status == 404)
    #expect(quick < .milliseconds(250))
  }

  @Test func resetPeerOnIngress_givesTheCallerATCPReset() throws {
    let rig = try Rig.ingressToAnUpstream()
    defer { rig.stop() }
    let upstream = rig.upstreams[0]
    try rig.add(
      #"{"name": "rst", "type": "reset_peer", "stream": "upstream", "service": "ingress", "attributes": {"timeout": 100}}"#
    )
    let client = try rig.harness.client()
    let start = ContinuousClock.now
    try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(Self.receiveError(client.descriptor) == ECONNRESET)
    #expect(ContinuousClock.now - start >= .milliseconds(100))
    #expect(upstream.receivedHeads.isEmpty, "the request never reached the app")
  }

  @Test func resetPeerOnEgress_isAnUpstreamResetForTheApp_503UC() throws {
    let rig = try Rig.egressToTwoUpstreams()
    defer { rig.stop() }
    try rig.add(#"{"type": "reset_peer", "service": "back.local"}"#)
    let client = try rig.harness.client()
    let (response, _) = try Self.get(client, "/", host: "back.local")
    #expect(response.status == 503)
    #expect(response.text.hasSuffix("reset reason: connection reset"))
    #expect(rig.harness.accessLog(count: 1).first?.contains("\" 503 UC ") == true)
    // Each retry draws the toxics again: with toxicity 1 every try is reset.
    let (retried, _) = try Self.get(client, "/retry", host: "back.local")
    #expect(retried.status == 503)
    let line = rig.harness.accessLog(count: 2).last ?? ""
    #expect(line.contains("UC") && line.contains("URX"), "\(line)")
  }

  @Test func timeoutOnEgress_blackholesUntilTheRouteTimeout_504UT() throws {
    let rig = try Rig.egressToTwoUpstreams()
    defer { rig.stop() }
    let (a, b) = (rig.upstreams[0], rig.upstreams[1])
    try rig.add(
      #"{"name": "hole", "type": "timeout", "stream": "upstream", "service": "back.local"}"#)
    let client = try rig.harness.client()
    let (response, elapsed) = try Self.get(
      client, "/", host: "back.local", extra: "x-envoy-upstream-rq-timeout-ms: 300\r\n")
    #expect(response.status == 504)
    #expect(elapsed >= .milliseconds(300))
    #expect(rig.harness.accessLog(count: 1).first?.contains("\" 504 UT ") == true)
    #expect(a.receivedHeads.isEmpty && b.receivedHeads.isEmpty)
  }

  @Test func timeoutDownstream_dropsTheAnswerOfAServiceThatGotTheRequest() throws {
    let rig = try Rig.egressToTwoUpstreams()
    defer { rig.stop() }
    let (a, b) = (rig.upstreams[0], rig.upstreams[1])
    try rig.add(#"{"type": "timeout", "service": "back.local"}"#)
    let client = try rig.harness.client()
    let (response, _) = try Self.get(
      client, "/", host: "back.local", extra: "x-envoy-upstream-rq-timeout-ms: 300\r\n")
    #expect(response.status == 504)
    #expect(a.receivedHeads.count + b.receivedHeads.count == 1)
  }

  @Test func timeoutOnIngress_closesTheCallersConnectionAfterItsTimeout() throws {
    let rig = try Rig.ingressToAnUpstream()
    defer { rig.stop() }
    let upstream = rig.upstreams[0]
    try rig.add(
      #"{"type": "timeout", "stream": "upstream", "service": "ingress", "attributes": {"timeout": 200}}"#
    )
    let client = try rig.harness.client()
    let start = ContinuousClock.now
    try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try client.waitForClose())
    #expect(ContinuousClock.now - start >= .milliseconds(200))
    #expect(upstream.receivedHeads.isEmpty)
  }

  @Test func toxicityZero_neverActs() throws {
    let rig = try Rig.ingressToAnUpstream()
    defer { rig.stop() }
    try rig.add(#"{"type": "reset_peer", "toxicity": 0, "service": "ingress"}"#)
    let client = try rig.harness.client()
    for _ in 0..<20 { #expect(try Self.get(client, "/").0.status == 200) }
  }

  @Test func toxicsSurviveAConfigReload() throws {
    let rig = try Rig.egressToTwoUpstreams()
    defer { rig.stop() }
    let (a, b) = (rig.upstreams[0], rig.upstreams[1])
    let reloader = ConfigReloader(
      document: try MeshDocument(json: Array(MeshFixture.json(a: a.address, b: b.address).utf8)),
      node: "front", proxies: [rig.harness.proxy])
    try rig.add(
      #"{"name": "rst", "type": "reset_peer", "stream": "upstream", "service": "back.local"}"#)
    try reloader.replace(
      json: Array(MeshFixture.json(a: a.address, b: b.address, weights: (100, 0)).utf8))
    let client = try rig.harness.client()
    #expect(try Self.get(client, "/", host: "back.local").0.status == 503)
    #expect(try rig.admin("DELETE", "/toxics/rst").status == 204)
    #expect(try Self.get(client, "/", host: "back.local").0.status == 200)
    #expect(a.receivedHeads.count == 1, "the reloaded weights are in force")
  }

  @Test func invalidToxics_areRefusedNamingTheField() throws {
    let rig = try Rig.ingressToAnUpstream()
    defer { rig.stop() }
    let cases: [(String, String)] = [
      (#"{"type": "bandwidth", "service": "ingress"}"#, "type: must be one of"),
      (#"{"type": "latency"}"#, "service: required"),
      (#"{"type": "latency", "service": "ingress", "toxicity": 2}"#, "toxicity: must be 0...1"),
      (
        #"{"type": "latency", "service": "ingress", "stream": "sideways"}"#,
        "stream: must be one of"
      ),
      (
        #"{"type": "latency", "service": "ingress", "attributes": {"rate": 1}}"#,
        "attributes.rate: unknown field"
      ),
      (
        #"{"type": "latency", "service": "ingress", "attributes": {"latency": -1}}"#,
        "attributes.latency: must be 0...3600000"
      ),
      (#"{"type": "timeout", "service": "in gress"}"#, "service: must hold only"),
      (#"{"type": "timeout", "service": "ingress", "colour": "red"}"#, "colour: unknown field"),
      ("not json", "not valid JSON"),
    ]
    for (body, message) in cases {
      let response = try rig.admin("POST", "/toxics", body: body)
      #expect(response.status == 400, "\(body)")
      #expect(response.text.contains(message), "\(body) → \(response.text)")
    }
    try rig.add(#"{"name": "t0", "type": "latency", "service": "ingress"}"#)
    #expect(
      try rig.admin(
        "POST", "/toxics", body: #"{"name": "t0", "type": "timeout", "service": "ingress"}"#
      )
      .status == 409)
    for index in 1..<ToxicRegistry.maximumCount {
      try rig.add(#"{"name": "t\#(index)", "type": "latency", "service": "s\#(index).local"}"#)
    }
    let full = try rig.admin(
      "POST", "/toxics", body: #"{"name": "one-more", "type": "latency", "service": "ingress"}"#)
    #expect(full.status == 409)
    #expect(full.text.contains("at most 32 toxics"))
    #expect(rig.registry.all.count == ToxicRegistry.maximumCount)
  }

  /// Waits for the peer's reset: the `errno` of the failing `recv`, or 0 for data or a clean close.
  private static func receiveError(_ descriptor: Int32, timeout: Duration = .seconds(5)) -> Int32 {
    let deadline = ContinuousClock.now + timeout
    var byte: UInt8 = 0
    while ContinuousClock.now < deadline {
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) == 1 else { continue }
      let count = recv(descriptor, &byte, 1, 0)
      return count < 0 ? errno : 0
    }
    return ETIMEDOUT
  }
}

import Glibc
import Mesh
import Testing
import Wire

/// Mesh mode, egress side: the `Host` names the virtual service, its router's routes pick
/// weighted targets, and the route's rate limit and fault filter apply.
@Suite struct ProxyMeshRoutingTests {
  private static func answering(_ name: String) -> RawUpstream.Action {
    .respond(Array("HTTP/1.1 200 OK\r\nContent-Length: \(name.utf8.count)\r\n\r\n\(name)".utf8))
  }

  private func harness(_ a: RawUpstream, _ b: RawUpstream, weights: (Int, Int) = (50, 50)) throws
    -> ProxyHarness
  {
    try ProxyHarness(
      configuration: ProxyServer.Configuration(
        listen: SocketAddress("127.0.0.1:0")!,
        routes: MeshFixture.table(a: a.address, b: b.address, weights: weights),
        direction: .egress))
  }

  @Test func weightedSplit_followsWeightsOverTenThousandRequests() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b, weights: (80, 20))
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    var countA = 0
    let total = 10_000
    for _ in 0..<total {
      try client.send("GET / HTTP/1.1\r\nHost: back.local\r\n\r\n")
      if try client.response().text == "a" { countA += 1 }
    }
    let share = Double(countA) / Double(total)
    #expect(abs(share - 0.8) < 0.02, "back-a took \(share)")
  }

  @Test func unknownService_is404WithNR() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b)
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    try client.send("GET / HTTP/1.1\r\nHost: nowhere.local\r\n\r\n")
    #expect(try client.response().status == 404)
    #expect(harness.accessLog(count: 1).first?.contains("\" 404 NR ") == true)
    #expect(a.receivedHeads.isEmpty && b.receivedHeads.isEmpty)
  }

  @Test func localRateLimit_answers429WithRLWhenTheBucketIsEmpty() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b)
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    var statuses: [Int] = []
    for _ in 0..<3 {
      try client.send("GET /limited HTTP/1.1\r\nHost: back.local\r\n\r\n")
      let response = try client.response()
      statuses.append(response.status)
      if response.status == 429 { #expect(response.head.headers["x-envoy-ratelimited"] == "true") }
    }
    #expect(statuses == [200, 200, 429])
    #expect(harness.accessLog(count: 3).last?.contains("\" 429 RL ") == true)
  }

  @Test func faultAbort_answersTheConfiguredStatusWithFI() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b)
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    try client.send("GET /faulty HTTP/1.1\r\nHost: back.local\r\n\r\n")
    let response = try client.response()
    #expect(response.status == 418)
    #expect(response.text == "fault filter abort")
    #expect(harness.accessLog(count: 1).first?.contains("\" 418 FI ") == true)
    #expect(a.receivedHeads.isEmpty)
  }

  @Test func configReload_validSwapsRoutesAndInvalidKeepsTheOld() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b, weights: (100, 0))
    let reloader = ConfigReloader(
      document: try MeshDocument(
        json: Array(MeshFixture.json(a: a.address, b: b.address, weights: (100, 0)).utf8)),
      node: "front", proxies: [harness.proxy])
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    func answer() throws -> String {
      try client.send("GET / HTTP/1.1\r\nHost: back.local\r\n\r\n")
      return try client.response().text
    }
    #expect(try answer() == "a")
    let invalid = MeshFixture.json(a: a.address, b: b.address, weights: (100, 200))
    #expect(throws: MeshConfigError.self) { try reloader.replace(json: Array(invalid.utf8)) }
    do {
      try reloader.replace(json: Array(invalid.utf8))
    } catch {
      #expect(error.path.contains("weightedTargets[1].weight"))
    }
    #expect(try answer() == "a")
    try reloader.replace(
      json: Array(MeshFixture.json(a: a.address, b: b.address, weights: (0, 100)).utf8))
    var switched = false
    for _ in 0..<100 where !switched { switched = try answer() == "b" }
    #expect(switched)
  }

  @Test func faultDelay_holdsTheRequestWithDI() throws {
    let a = try RawUpstream { _ in Self.answering("a") }
    let b = try RawUpstream { _ in Self.answering("b") }
    let harness = try harness(a, b)
    defer {
      harness.stop()
      a.stop()
      b.stop()
    }
    let client = try harness.client()
    let started = ContinuousClock.now
    try client.send("GET /slowed HTTP/1.1\r\nHost: back.local\r\n\r\n")
    #expect(try client.response().text == "a")
    #expect(ContinuousClock.now - started >= .milliseconds(150))
    #expect(harness.accessLog(count: 1).first?.contains("\" 200 DI ") == true)
  }

  @Test func circuitBreaker_overflowIs503WithUOAndOverloadedHeader() throws {
    let a = try RawUpstream { _ in .silence }
    let json = MeshFixture.json(a: a.address, b: a.address)
    let harness = try ProxyHarness(
      configuration: ProxyServer.Configuration(
        listen: SocketAddress("127.0.0.1:0")!,
        routes: RouteTable(document: MeshDocument(json: Array(json.utf8)), node: "back-c"),
        direction: .ingress))
    defer {
      harness.stop()
      a.stop()
    }
    // One request takes the only connection, one waits, the third overflows.
    var clients: [TestClient] = []
    for _ in 0..<2 {
      let client = try harness.client()
      try client.send("GET / HTTP/1.1\r\nHost: c\r\n\r\n")
      clients.append(client)
    }
    let deadline = ContinuousClock.now + .seconds(5)
    while a.receivedHeads.isEmpty, ContinuousClock.now < deadline { usleep(1000) }
    let third = try harness.client()
    try third.send("GET / HTTP/1.1\r\nHost: c\r\n\r\n")
    let response = try third.response()
    #expect(response.status == 503)
    #expect(response.head.headers["x-envoy-overloaded"] == "true")
    #expect(harness.accessLog(count: 1).first?.contains("\" 503 UO ") == true)
    #expect(a.connectionCount == 1)
  }
}

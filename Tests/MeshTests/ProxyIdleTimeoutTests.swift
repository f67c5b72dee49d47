import Mesh
import Testing
import Wire

/// The route's stream idle timeout (App Mesh's `timeout.idle`, Envoy's route `idle_timeout`;
/// here 300 ms with the route timeout off): a stream with no bytes for that long ends with
/// 408 `SI` while no response has begun, or a reset once one has; bytes keep it alive.
@Suite struct ProxyIdleTimeoutTests {
  static func head(length: Int) -> [UInt8] {
    Array("HTTP/1.1 200 OK\r\nContent-Length: \(length)\r\n\r\n".utf8)
  }

  private struct Setup {
    let harness: ProxyHarness
    let a: RawUpstream
    let b: RawUpstream

    init(_ action: RawUpstream.Action) throws {
      a = try RawUpstream { _ in action }
      b = try RawUpstream { _ in .silence }
      harness = try ProxyHarness(
        configuration: ProxyServer.Configuration(
          listen: SocketAddress("127.0.0.1:0")!,
          routes: try MeshFixture.table(a: a.address, b: b.address), direction: .egress))
    }

    func get(_ path: String) throws -> TestClient {
      let client = try harness.client()
      try client.send("GET \(path) HTTP/1.1\r\nHost: back.local\r\n\r\n")
      return client
    }

    func stop() {
      harness.stop()
      a.stop()
      b.stop()
    }
  }

  @Test func silentUpstream_endsWith408SIAfterTheIdleTimeout() throws {
    let setup = try Setup(.silence)
    defer { setup.stop() }
    let started = ContinuousClock.now
    let response = try setup.get("/idle").response()
    let took = ContinuousClock.now - started
    #expect(response.status == 408)
    #expect(response.text == "stream timeout")
    #expect(took >= .milliseconds(300) && took < .seconds(3), "\(took)")
    #expect(setup.harness.accessLog(count: 1).first?.contains("\" 408 SI ") == true)
    #expect(
      setup.harness.proxy.stats.renderText().contains("http.egress.downstream_rq_idle_timeout: 1"))
  }

  @Test func requestBodyThatStalls_endsWith408SI() throws {
    let setup = try Setup(.silence)
    defer { setup.stop() }
    let client = try setup.harness.client()
    try client.send("POST /idle HTTP/1.1\r\nHost: back.local\r\nContent-Length: 10\r\n\r\nab")
    let response = try client.response()
    #expect(response.status == 408)
    #expect(setup.harness.accessLog(count: 1).first?.contains("\" 408 SI ") == true)
  }

  @Test func responseThatStalls_isResetAfterTheIdleTimeout() throws {
    let setup = try Setup(.respond(Self.head(length: 4) + Array("ab".utf8)))
    defer { setup.stop() }
    let started = ContinuousClock.now
    let client = try setup.get("/idle")
    #expect {
      try client.response()
    } throws: { error in
      (error as? TestClient.Failure)?.description == "body cut short"
    }
    #expect(ContinuousClock.now - started >= .milliseconds(300))
    #expect(setup.harness.accessLog(count: 1).first?.contains("\" 200 SI ") == true)
  }

  @Test func bytesEveryFewHundredMilliseconds_keepTheStreamAlive() throws {
    // 4 × 200 ms: 800 ms in all, never 300 ms without a byte.
    let pieces = [Self.head(length: 3)] + "abc".utf8.map { [$0] }
    let setup = try Setup(.trickle(pieces, pause: .milliseconds(200)))
    defer { setup.stop() }
    let response = try setup.get("/idle").response()
    #expect(response.status == 200)
    #expect(response.text == "abc")
  }
}

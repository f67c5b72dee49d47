import Glibc
import Mesh
import Testing
import Wire

/// Upstreams that fail: each gives Envoy's status and response flag in the access log.
@Suite struct ProxyUpstreamFailureTests {
  private func outcome(_ upstream: RawUpstream, extraHeader: String = "") throws -> (
    status: Int, line: String
  ) {
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send("GET /x HTTP/1.1\r\nHost: x\r\n\(extraHeader)\r\n")
    let response = try client.response()
    return (response.status, harness.accessLog(count: 1).first ?? "")
  }

  @Test func garbageResponse_is502WithUPE() throws {
    let result = try outcome(RawUpstream { _ in .respond(Array("SMTP ready\r\n\r\n".utf8)) })
    #expect(result.status == 502)
    #expect(result.line.contains("\" 502 UPE "))
  }

  @Test func closeBeforeResponse_is503WithUC() throws {
    let result = try outcome(RawUpstream { _ in .close })
    #expect(result.status == 503)
    #expect(result.line.contains("\" 503 UC "))
  }

  @Test func silentUpstream_is504WithUTAfterTheRouteTimeout() throws {
    let started = ContinuousClock.now
    let result = try outcome(
      RawUpstream { _ in .silence }, extraHeader: "x-envoy-upstream-rq-timeout-ms: 200\r\n")
    #expect(result.status == 504)
    #expect(result.line.contains("\" 504 UT "))
    #expect(ContinuousClock.now - started >= .milliseconds(200))
  }

  @Test func refusedConnection_is503WithUF() throws {
    // A port that was just free: nothing listens there.
    let probe = try Socket.listen(on: SocketAddress("127.0.0.1:0")!)
    let closedAddress = try SocketAddress.local(of: probe)
    close(probe)
    let harness = try ProxyHarness(upstream: closedAddress)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(try client.response().status == 503)
    #expect(harness.accessLog(count: 1).first?.contains("\" 503 UF ") == true)
  }

  @Test func truncatedBody_closesTheClientWithUC() throws {
    let upstream = try RawUpstream { _ in
      .respondAndClose(Array("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial".utf8))
    }
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    try client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(throws: TestClient.Failure.self) { try client.response() }
    #expect(harness.accessLog(count: 1).first?.contains("\" 200 UC ") == true)
  }

  @Test func clientDisconnect_isLoggedWithDC() throws {
    let upstream = try RawUpstream { _ in .silence }
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    do {
      let client = try harness.client()
      try client.send("GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
      let deadline = ContinuousClock.now + .seconds(5)
      while upstream.receivedHeads.isEmpty, ContinuousClock.now < deadline { usleep(1000) }
    }
    #expect(harness.accessLog(count: 1).first?.contains("\" 0 DC ") == true)
  }
}

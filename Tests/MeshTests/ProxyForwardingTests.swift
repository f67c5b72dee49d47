import Mesh
import Testing
import Wire

/// Quick mode: requests and responses pass through with their bodies and framing intact, the
/// heads rewritten as Envoy rewrites them.
@Suite struct ProxyForwardingTests {
  @Test func get_isForwardedWithEnvoyHeaders() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send("GET /hello HTTP/1.1\r\nHost: example\r\n\r\n")
    let response = try client.response()
    #expect(response.status == 200)
    #expect(response.text == "hello")
    #expect(response.head.headers["server"] == "envoy")
    #expect(response.head.headers["x-envoy-upstream-service-time"].flatMap { Int($0) } != nil)
  }

  @Test func post_contentLengthBodyReachesUpstream() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    let body = String(repeating: "0123456789", count: 5000)
    try client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
    let response = try client.response()
    #expect(response.status == 200)
    #expect(response.text == body)
  }

  @Test func post_chunkedRequestBodyIsForwardedChunked() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
    try client.send("6\r\n world\r\n0\r\n\r\n")
    let response = try client.response()
    #expect(response.text == "hello world")
  }

  @Test func get_chunkedResponseIsForwarded() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n")
    let response = try client.response()
    #expect(response.head.headers["transfer-encoding"] == "chunked")
    #expect(response.text == "one two three")
  }

  @Test func http10Client_getsChunkedResponseDecodedThenClose() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send("GET /chunked HTTP/1.0\r\n\r\n")
    let response = try client.response()
    #expect(response.head.headers["transfer-encoding"] == nil)
    #expect(response.text == "one two three")
    #expect(try client.waitForClose())
  }

  @Test func pipelinedRequests_areAnsweredInOrder() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /status/204 HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    #expect(try client.response().text == "hello")
    #expect(try client.response().text == "abc")
    #expect(try client.response().status == 204)
  }

  @Test func keepAlive_reusesTheUpstreamConnection() throws {
    let ok = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
    let upstream = try RawUpstream { _ in .respond(ok) }
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    for _ in 0..<3 {
      let client = try harness.client()
      for _ in 0..<3 {
        try client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.response().text == "ok")
      }
    }
    #expect(upstream.receivedHeads.count == 9)
    #expect(upstream.connectionCount == 1)
  }

  @Test func requestHead_getsForwardingFieldsAndLosesHopByHopOnes() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "GET /headers HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, x-secret\r\nX-Secret: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Connection: keep-alive\r\nX-Kept: yes\r\n\r\n"
    )
    let lines = Set(try client.response().text.split(separator: "\n").map(String.init))
    #expect(lines.contains("x-kept: yes"))
    #expect(lines.contains("x-forwarded-for: 127.0.0.1"))
    #expect(lines.contains("x-forwarded-proto: http"))
    #expect(lines.contains("x-envoy-expected-rq-timeout-ms: 15000"))
    let requestID = lines.first { $0.hasPrefix("x-request-id: ") }
    #expect(requestID.map { $0.utf8.count == "x-request-id: ".utf8.count + 36 } == true)
    for name in ["x-secret", "keep-alive", "te", "upgrade", "proxy-connection"] {
      #expect(!lines.contains { $0.hasPrefix(name + ":") }, "\(name) was forwarded")
    }
  }

  @Test func requestHead_keepsClientRequestIDAndAppendsForwardedFor() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "GET /headers HTTP/1.1\r\nHost: x\r\nX-Request-Id: abc-123\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n"
    )
    let lines = try client.response().text.split(separator: "\n").map(String.init)
    #expect(lines.filter { $0.hasPrefix("x-request-id:") } == ["x-request-id: abc-123"])
    #expect(lines.contains("x-forwarded-for: 10.0.0.1, 127.0.0.1"))
  }

  @Test func accessLog_writesEnvoysDefaultLine() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "GET /hello HTTP/1.1\r\nHost: svc\r\nUser-Agent: tester\r\nX-Request-Id: r1\r\n\r\n")
    _ = try client.response()
    let line = try #require(harness.accessLog(count: 1).first)
    #expect(line.hasPrefix("["))
    #expect(line.contains("\"GET /hello HTTP/1.1\" 200 - 0 5 "))
    #expect(line.hasSuffix("\"127.0.0.1\" \"tester\" \"r1\" \"svc\" \"\(upstream.address)\""))
  }
}

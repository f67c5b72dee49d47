import Mesh
import Testing
import Wire

/// The heads the proxy writes are copied from the bytes it received: the fields it keeps
/// arrive as sent and in order, the ones RFC 9110 §7.6.1 calls hop-by-hop do not.
@Suite struct ProxyForwardedHeadTests {
  /// Sends `request` through a proxy whose upstream answers `response` to every request.
  private func exchange(_ request: String, upstreamAnswers response: String) throws -> (
    response: TestClient.Response, forwarded: [String]
  ) {
    let result = try ProxyHarness.exchange(request, upstreamAnswers: response)
    return (result.response, result.forwarded)
  }

  @Test func responseHead_keepsStatusReasonAndFieldsInOrder_dropsHopByHopOnes() throws {
    let (response, _) = try exchange(
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
      upstreamAnswers:
        "HTTP/1.1 299 Quite Fine\r\nServer: nginx\r\nX-First:  one \r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\nX-Envoy-Upstream-Service-Time: 99999\r\nX-Second: two\r\nContent-Length: 2\r\n\r\nok"
    )
    #expect(response.status == 299)
    #expect(response.head.status.reason == "Quite Fine")
    #expect(response.text == "ok")
    let fields = response.head.headers.fields
    #expect(
      fields.map(\.name) == [
        "X-First", "X-Second", "Content-Length", "server", "x-envoy-upstream-service-time",
      ])
    #expect(response.head.headers["x-first"] == "one")
    #expect(response.head.headers["server"] == "envoy")
    #expect(response.head.headers["x-envoy-upstream-service-time"] != "99999")
  }

  @Test func responseWithoutReasonPhrase_isForwardedWithAnEmptyOne() throws {
    let (response, _) = try exchange(
      "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
      upstreamAnswers: "HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n")
    #expect(response.status == 404)
    #expect(response.head.status.reason == "")
  }

  @Test func requestHead_isCopiedWithItsTargetAndFieldsInOrder() throws {
    let (_, forwarded) = try exchange(
      "DELETE /a/b?c=d%20e HTTP/1.1\r\nHost: svc\r\nX-One: 1\r\nConnection: X-Two\r\nX-Two: 2\r\nX-Three:\t3\t\r\n\r\n",
      upstreamAnswers: "HTTP/1.1 204 No Content\r\n\r\n")
    let head = try #require(forwarded.first)
    let lines = head.split(separator: "\r\n").map(String.init)
    #expect(lines.first == "DELETE /a/b?c=d%20e HTTP/1.1")
    // Kept lines pass as received (the OWS around a value is the sender's own).
    #expect(Array(lines.dropFirst().prefix(3)) == ["Host: svc", "X-One: 1", "X-Three:\t3"])
    #expect(!lines.contains { $0.lowercased().hasPrefix("x-two") })
  }

  @Test func envoyOverrideFields_stillSetTheRouteTimeout() throws {
    let (_, forwarded) = try exchange(
      "GET / HTTP/1.1\r\nHost: x\r\nX-Envoy-Upstream-Rq-Timeout-Ms: 1234\r\n\r\n",
      upstreamAnswers: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    let head = try #require(forwarded.first)
    #expect(head.contains("x-envoy-expected-rq-timeout-ms: 1234\r\n"))
  }
}

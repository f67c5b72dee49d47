import Mesh
import Testing
import Wire

/// The list-valued fields the proxy reads on every message (RFC 9110 §5.6.1): `Connection`,
/// `Content-Length` and `Transfer-Encoding`, with their elements split at commas, OWS trimmed
/// and tokens compared case-insensitively.
@Suite struct ProxyListFieldTests {
  /// Sends `request` through a proxy whose upstream answers `response` to every request.
  private func exchange(_ request: String, upstreamAnswers response: String) throws -> (
    status: Int, body: String, forwarded: [String], closed: Bool
  ) {
    let result = try ProxyHarness.exchange(
      request, upstreamAnswers: response, awaitingClose: true)
    return (result.response.status, result.response.text, result.forwarded, result.closed)
  }

  private static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

  @Test func repeatedEqualContentLengthsInAList_areOneLength() throws {
    let result = try exchange(
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3 ,\t3\r\nConnection: close\r\n\r\nabc",
      upstreamAnswers: Self.ok)
    #expect(result.status == 200)
    #expect(result.body == "ok")
    #expect(result.forwarded.count == 1)
  }

  @Test func differingContentLengthsInAList_are400AndNotForwarded() throws {
    let result = try exchange(
      "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 4\r\n\r\nabcd", upstreamAnswers: Self.ok)
    #expect(result.status == 400)
    #expect(result.forwarded.isEmpty)
  }

  @Test func closeAmongOtherConnectionTokens_closesTheClientConnection() throws {
    let result = try exchange(
      "GET /x HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive ,  CLOSE\r\n\r\n",
      upstreamAnswers: Self.ok)
    #expect(result.status == 200)
    #expect(result.closed)
  }

  @Test func keepAliveListWithoutClose_keepsTheClientConnection() throws {
    let upstream = try RawUpstream { _ in .respond(Array(Self.ok.utf8)) }
    let harness = try ProxyHarness(upstream: upstream.address)
    defer {
      harness.stop()
      upstream.stop()
    }
    let client = try harness.client()
    for _ in 0..<2 {
      try client.send("GET /x HTTP/1.1\r\nHost: x\r\nConnection: ,keep-alive,\r\n\r\n")
      #expect(try client.response().status == 200)
    }
    #expect(upstream.receivedHeads.count == 2)
  }

  @Test func unsupportedCodingBeforeChunkedUpstream_is502() throws {
    let result = try exchange(
      "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      upstreamAnswers: "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip , Chunked\r\n\r\n0\r\n\r\n")
    #expect(result.status == 502)
    #expect(result.body.contains("unsupported transfer coding gzip"))
  }
}

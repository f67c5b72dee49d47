import Mesh
import Testing
import Wire

/// Requests a strict proxy must refuse (RFC 9112 §6.1, §6.3; RFC 6585 §5): answered by the
/// proxy itself and never forwarded.
@Suite struct ProxyHostileInputTests {
  /// Sends `request` and returns the proxy's answer and what the upstream saw.
  private func answer(to request: String) throws -> (status: Int, forwarded: Int, closed: Bool) {
    let result = try ProxyHarness.exchange(
      request, upstreamAnswers: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", awaitingClose: true)
    return (result.response.status, result.forwarded.count, result.closed)
  }

  @Test func malformedRequestLine_is400AndNotForwarded() throws {
    let result = try answer(to: "GET  /x HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(result.status == 400)
    #expect(result.forwarded == 0)
    #expect(result.closed)
  }

  @Test func contentLengthWithTransferEncoding_is400() throws {
    let result = try answer(
      to:
        "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    )
    #expect(result.status == 400)
    #expect(result.forwarded == 0)
  }

  @Test func conflictingContentLengths_are400() throws {
    let result = try answer(
      to: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
    #expect(result.status == 400)
    #expect(result.forwarded == 0)
  }

  @Test func oversizedHeaders_are431() throws {
    let big = String(repeating: "a", count: 70 * 1024)
    let result = try answer(to: "GET /x HTTP/1.1\r\nHost: x\r\nX-Big: \(big)\r\n\r\n")
    #expect(result.status == 431)
    #expect(result.forwarded == 0)
  }

  @Test func badChunkSize_closesWithoutAnsweringUpstreamGarbage() throws {
    let upstream = try UpstreamStub()
    let harness = try ProxyHarness(owning: upstream)
    defer { harness.stop() }
    let client = try harness.client()
    try client.send(
      "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
    )
    let response = try client.response()
    #expect(response.status == 400)
    #expect(try client.waitForClose())
  }
}

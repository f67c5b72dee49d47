import Testing

@testable import Wire

@Suite struct HTTPSerializerTests {
  static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

  @Test func responseHead_isStatusLineFieldsAndEmptyLine() {
    var out: [UInt8] = []
    HTTPSerializer.appendResponseHead(
      status: .notFound, headers: ["Content-Type": "text/plain", "Content-Length": "0"], into: &out)
    #expect(
      Self.text(out)
        == "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n")
  }

  @Test func responseHead_appendsToExistingBytes() {
    var out = Array("x".utf8)
    HTTPSerializer.appendResponseHead(status: HTTPStatus(299, "Custom"), headers: [:], into: &out)
    #expect(Self.text(out) == "xHTTP/1.1 299 Custom\r\n\r\n")
  }

  @Test func requestHead_isRequestLineFieldsAndEmptyLine() {
    var out: [UInt8] = []
    HTTPSerializer.appendRequestHead(
      method: .post, target: "/a?b=1", headers: ["Host": "lab"], into: &out)
    #expect(Self.text(out) == "POST /a?b=1 HTTP/1.1\r\nHost: lab\r\n\r\n")
  }

  @Test func requestHead_roundTripsThroughTheParser() {
    var out: [UInt8] = []
    let headers: HTTPHeaders = ["Host": "lab", "X-Trace": "a=1; b=2", "X-Trace": "again"]
    HTTPSerializer.appendRequestHead(method: .put, target: "/labs/1", headers: headers, into: &out)
    guard case .complete(let head, _, let length) = HTTPRequestParserTests.parse(out) else {
      Issue.record("serialized request did not parse")
      return
    }
    #expect(head.method == .put)
    #expect(head.target == "/labs/1")
    #expect(head.headers == headers)
    #expect(length == out.count)
  }

  @Test(arguments: [
    ("X-Split", "a\r\nSet-Cookie: evil=1"), ("X-Lf", "a\nb"), ("X-Cr", "a\rb"), ("X-Nul", "a\0b"),
    ("X Bad", "v"), ("X-Bad\r\nInjected", "v"), ("", "v"),
  ])
  func unsafeField_isDropped(_ name: String, _ value: String) {
    var out: [UInt8] = []
    HTTPSerializer.appendResponseHead(
      status: .ok, headers: HTTPHeaders([("A", "1"), (name, value), ("B", "2")]), into: &out)
    #expect(Self.text(out) == "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\n\r\n")
  }

  @Test func appendField_reportsWhetherItWrote() {
    var out: [UInt8] = []
    #expect(HTTPSerializer.appendField(name: "X-Ok", value: "tab\there", into: &out))
    #expect(!HTTPSerializer.appendField(name: "X-No", value: "a\r\nb", into: &out))
    #expect(Self.text(out) == "X-Ok: tab\there\r\n")
  }

  @Test func unsafeReasonPhrase_isLeftOut() {
    var out: [UInt8] = []
    HTTPSerializer.appendStatusLine(HTTPStatus(200, "OK\r\nSet-Cookie: x=1"), into: &out)
    #expect(Self.text(out) == "HTTP/1.1 200 \r\n")
  }

  @Test(arguments: [(1, "1"), (15, "f"), (16, "10"), (26, "1a"), (4096, "1000")])
  func chunk_hasHexSizeDataAndCRLF(_ count: Int, _ hex: String) {
    var out: [UInt8] = []
    HTTPSerializer.appendChunk([UInt8](repeating: 0x61, count: count), into: &out)
    #expect(Self.text(out) == hex + "\r\n" + String(repeating: "a", count: count) + "\r\n")
  }

  @Test func emptyChunk_writesNothing() {
    var out: [UInt8] = []
    HTTPSerializer.appendChunk([], into: &out)
    #expect(out.isEmpty)
  }

  @Test func chunksAndLastChunk_decodeBack() throws {
    var out: [UInt8] = []
    HTTPSerializer.appendChunk(Array("hello ".utf8), into: &out)
    HTTPSerializer.appendChunk(Array(repeating: 0x7A, count: 300), into: &out)
    HTTPSerializer.appendLastChunk(into: &out)
    #expect(Self.text(Array(out.suffix(5))) == "0\r\n\r\n")
    let outcome = HTTPChunkedDecoderTests.decode(Self.text(out))
    #expect(outcome.finished)
    #expect(outcome.body == Array("hello ".utf8) + Array(repeating: 0x7A, count: 300))
  }
}

@Suite struct PreparedHeadersTests {
  @Test func prepared_dropsServerOwnedAndUnsafeFields() {
    let prepared = PreparedHeaders([
      "Content-Type": "text/plain", "Content-Length": "9", "Date": "x", "Connection": "close",
      "X-Bad": "a\r\nInjected: 1",
    ])
    #expect(String(decoding: prepared.bytes, as: UTF8.self) == "Content-Type: text/plain\r\n")
  }

  @Test func changingHeaders_dropsThePreparedBytes() {
    var response = HTTPResponse(prepared: PreparedHeaders(["ETag": "\"1\""]))
    #expect(response.preparedBytes != nil)
    response.headers.add("X-More", "1")
    #expect(response.preparedBytes == nil)
  }
}

import Testing

@testable import Wire

/// A corpus of malformed and hostile requests (smuggling shapes, limit breakers, grammar
/// violations), each with the status the server must answer. Requests with a chunked body are
/// run through the chunked decoder too, as the server would.
@Suite struct HTTPHostileRequestTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let status: Int
    var testDescription: String { "\(name) → \(status)" }

    init(_ name: String, _ text: String, _ status: Int) {
      self.init(name, Array(text.utf8), status)
    }

    init(_ name: String, _ bytes: [UInt8], _ status: Int) {
      self.name = name
      self.bytes = bytes
      self.status = status
    }
  }

  /// Small limits so the limit cases stay small; the 65 KiB case uses the defaults.
  static let limits: HTTPLimits = {
    var limits = HTTPLimits()
    limits.maxBody = 16
    limits.maxChunkLine = 64
    return limits
  }()

  static let post = "POST /p HTTP/1.1\r\nHost: a\r\n"
  static let chunkedPost = post + "Transfer-Encoding: chunked\r\n\r\n"

  static let cases: [Case] = [
    // Smuggling shapes (RFC 9112 §6.1, §6.3).
    Case("CL then TE", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    Case("TE then CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n", 400),
    Case("TE chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n", 501),
    Case("TE identity", post + "Transfer-Encoding: identity\r\n\r\n", 501),
    Case("TE gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
    Case("TE xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n", 501),
    Case(
      "TE chunked twice in one field", post + "Transfer-Encoding: chunked, chunked\r\n\r\n", 400),
    Case(
      "TE chunked in two fields",
      post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    Case("TE empty", post + "Transfer-Encoding: \r\n\r\n", 400),
    Case("TE in HTTP/1.0", "POST /p HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    Case(
      "space before first field",
      "POST /p HTTP/1.1\r\n Transfer-Encoding: chunked\r\nHost: a\r\n\r\n", 400),
    Case("TE with space before colon", post + "Transfer-Encoding : chunked\r\n\r\n", 400),
    Case("CL with plus sign", post + "Content-Length: +5\r\n\r\n", 400),
    Case("CL negative", post + "Content-Length: -1\r\n\r\n", 400),
    Case("CL hex", post + "Content-Length: 0x10\r\n\r\n", 400),
    Case("CL list of differing values", post + "Content-Length: 5, 6\r\n\r\n", 400),
    Case(
      "CL duplicate differing fields", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", 400),
    Case("CL empty", post + "Content-Length:\r\n\r\n", 400),
    Case("CL empty list element", post + "Content-Length: 5,\r\n\r\n", 400),
    Case("CL overflowing Int", post + "Content-Length: 99999999999999999999\r\n\r\n", 400),
    Case("CL with inner space", post + "Content-Length: 1 2\r\n\r\n", 400),
    // Field syntax (RFC 9112 §5, RFC 9110 §5.5).
    Case("obs-fold", post + "X-A: one\r\n two\r\n\r\n", 400),
    Case("obs-fold with tab", post + "X-A: one\r\n\ttwo\r\n\r\n", 400),
    Case("space before colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400),
    Case("tab before colon", "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", 400),
    Case("NUL in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\0b\r\n\r\n", 400),
    Case("DEL in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{7F}b\r\n\r\n", 400),
    Case("bare CR in value", "GET / HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n", 400),
    Case("non-token field name", "GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n", 400),
    Case("empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: b\r\n\r\n", 400),
    Case("field without colon", "GET / HTTP/1.1\r\nHost: a\r\nX-A b\r\n\r\n", 400),
    Case(
      "invalid UTF-8 in value",
      Array("GET / HTTP/1.1\r\nHost: a\r\nX-A: ".utf8) + [0xC3, 0x28] + Array("\r\n\r\n".utf8), 400),
    // Line endings (RFC 9112 §2.2).
    Case("bare LF after a field", "GET / HTTP/1.1\r\nHost: a\n\r\n", 400),
    Case("bare LF after the request line", "GET / HTTP/1.1\nHost: a\r\n\r\n", 400),
    Case("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("bare LF as the final line", "GET / HTTP/1.1\r\nHost: a\r\n\n", 400),
    Case(
      "too many leading empty lines",
      String(repeating: "\r\n", count: 9) + "GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    // Request line (RFC 9112 §3).
    Case(
      "request line too long",
      "GET /" + String(repeating: "a", count: 8200) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
    Case("request line too long, unfinished", "GET /" + String(repeating: "a", count: 8200), 414),
    Case("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505),
    Case("HTTP/3.0", "GET / HTTP/3.0\r\nHost: a\r\n\r\n", 505),
    Case("lower-case version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400),
    Case("two-digit minor", "GET / HTTP/1.10\r\nHost: a\r\n\r\n", 400),
    Case("space after version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n", 400),
    Case("missing version", "GET /\r\nHost: a\r\n\r\n", 400),
    Case("double space after method", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("leading space", " GET / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("non-token method", "G(T / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("tab in target", "GET /a\tb HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case(
      "non-ASCII target",
      Array("GET /".utf8) + [0xC3, 0xA9] + Array(" HTTP/1.1\r\nHost: a\r\n\r\n".utf8), 400),
    Case("relative target", "GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("ftp absolute-form", "GET ftp://a/b HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("CONNECT origin-form", "CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("CONNECT without port", "CONNECT lab.local HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("CONNECT with userinfo", "CONNECT u@lab.local:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("authority-form with GET", "GET lab.local:443 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    Case("asterisk with GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    // Host (RFC 9112 §3.2).
    Case("missing Host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400),
    Case("two Hosts", "GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
    Case("Host with a space", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400),
    Case("Host with a path", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400),
    Case("Host with userinfo", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n", 400),
    Case("two Hosts in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400),
    // Header limits (RFC 6585 §5).
    Case(
      "101 header fields",
      "GET / HTTP/1.1\r\nHost: a\r\n" + (1...100).map { "X-\($0): v\r\n" }.joined() + "\r\n", 431),
    Case(
      "65 KiB header section",
      "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 65 * 1024)
        + "\r\n\r\n", 431),
    // Chunked bodies (RFC 9112 §7.1).
    Case("chunk size zz", chunkedPost + "zz\r\nab\r\n0\r\n\r\n", 400),
    Case("chunk size -1", chunkedPost + "-1\r\n0\r\n\r\n", 400),
    Case("chunk size 0x5", chunkedPost + "0x5\r\nabcde\r\n0\r\n\r\n", 400),
    Case("chunk size empty", chunkedPost + "\r\nab\r\n0\r\n\r\n", 400),
    Case("chunk size with 17 hex digits", chunkedPost + "00000000000000001\r\na\r\n0\r\n\r\n", 400),
    Case("chunk size overflowing Int", chunkedPost + "8000000000000000\r\na\r\n0\r\n\r\n", 400),
    Case("chunk data without CRLF", chunkedPost + "2\r\nabc\r\n0\r\n\r\n", 400),
    Case("chunk data with bare LF", chunkedPost + "2\r\nab\n0\r\n\r\n", 400),
    Case("chunk size line with bare LF", chunkedPost + "2\nab\r\n0\r\n\r\n", 400),
    Case(
      "chunk extension too long",
      chunkedPost + "2;ext=" + String(repeating: "x", count: 80) + "\r\nab\r\n0\r\n\r\n", 400),
    Case("chunk extension with NUL", chunkedPost + "2;a\0\r\nab\r\n0\r\n\r\n", 400),
    Case("garbage after chunk size", chunkedPost + "2 x\r\nab\r\n0\r\n\r\n", 400),
    Case("body over the limit", chunkedPost + "10\r\n0123456789abcdef\r\n1\r\nx\r\n0\r\n\r\n", 413),
    Case("one chunk over the limit", chunkedPost + "ffff\r\n", 413),
    Case("trailer with obs-fold", chunkedPost + "1\r\na\r\n0\r\nX-T: 1\r\n 2\r\n\r\n", 400),
    Case("trailer with NUL", chunkedPost + "1\r\na\r\n0\r\nX-T: \0\r\n\r\n", 400),
    Case("trailer with bare LF", chunkedPost + "1\r\na\r\n0\r\nX-T: 1\n\r\n", 400),
  ]

  /// The status the server answers `bytes` with: from the head parser, else from the chunked
  /// decoder; `nil` when the request is accepted.
  static func status(of bytes: [UInt8], limits: HTTPLimits) -> Int? {
    var parser = HTTPRequestParser(limits: limits)
    let result = bytes.withUnsafeBytes { parser.parseHead($0) }
    switch result {
    case .needMore: return nil
    case .failure(let error): return error.status.code
    case .complete(_, let framing, let headLength):
      guard framing == .chunked else { return nil }
      var decoder = ChunkedDecoder(maxBody: limits.maxBody, limits: limits)
      var body: [UInt8] = []
      return bytes[headLength...].withUnsafeBytes { rest -> Int? in
        do throws(HTTPError) {
          _ = try decoder.decode(rest, into: &body)
          return nil
        } catch {
          return error.status.code
        }
      }
    }
  }

  @Test func corpus_isLargeEnough() {
    #expect(Self.cases.count >= 40)
  }

  @Test(arguments: cases)
  func hostileRequest_getsItsStatus(_ hostile: Case) {
    let limits = hostile.name == "65 KiB header section" ? HTTPLimits() : Self.limits
    #expect(Self.status(of: hostile.bytes, limits: limits) == hostile.status)
  }

  @Test(arguments: cases)
  func hostileRequest_getsTheSameStatusFedInPieces(_ hostile: Case) {
    let limits = hostile.name == "65 KiB header section" ? HTTPLimits() : Self.limits
    let result = HTTPRequestParserTests.parseGrowing(hostile.bytes, step: 3, limits: limits)
    let headStatus = HTTPRequestParserTests.failureStatus(result)
    if let headStatus { #expect(headStatus == hostile.status) }
  }
}

import Testing

@testable import Wire

@Suite struct HTTPRequestParserTests {
  /// Parses `bytes` in one shot with a fresh parser.
  static func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits())
    -> HTTPRequestParser.HeadResult
  {
    var parser = HTTPRequestParser(limits: limits)
    return bytes.withUnsafeBytes { parser.parseHead($0) }
  }

  /// Feeds `bytes` to one parser as a buffer growing by `step` bytes per call, as a
  /// connection receiving them in pieces would.
  static func parseGrowing(_ bytes: [UInt8], step: Int, limits: HTTPLimits = HTTPLimits())
    -> HTTPRequestParser.HeadResult
  {
    var parser = HTTPRequestParser(limits: limits)
    var available = 0
    while true {
      available = min(bytes.count, available + step)
      let result = bytes[..<available].withUnsafeBytes { parser.parseHead($0) }
      if case .needMore = result, available < bytes.count { continue }
      return result
    }
  }

  /// The status of a failure, or `nil` when the head parsed (or needs more).
  static func failureStatus(_ result: HTTPRequestParser.HeadResult) -> Int? {
    if case .failure(let error) = result { return error.status.code }
    return nil
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func simpleGet_parsesEveryPart() throws {
    let request = Self.bytes(
      "GET /labs/1?tab=logs HTTP/1.1\r\nHost: lab.local\r\nAccept: */*\r\n\r\n")
    guard case .complete(let head, let framing, let headLength) = Self.parse(request) else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.method == .get)
    #expect(head.target == "/labs/1?tab=logs")
    #expect(head.path == "/labs/1")
    #expect(head.minorVersion == 1)
    #expect(head.headers == ["Host": "lab.local", "Accept": "*/*"])
    #expect(framing == .none)
    #expect(headLength == request.count)
  }

  @Test func partialHead_needsMore() {
    let result = Self.parse(Self.bytes("GET / HTTP/1.1\r\nHost: a\r\n"))
    guard case .needMore = result else {
      Issue.record("expected needMore, got \(result)")
      return
    }
  }

  @Test func leadingEmptyLine_isIgnored() {
    guard
      case .complete(let head, _, let headLength) = Self.parse(
        Self.bytes("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
    else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.target == "/")
    #expect(headLength == 31)
  }

  @Test func fieldValue_isTrimmedOfOptionalWhitespace() {
    guard
      case .complete(let head, _, _) = Self.parse(
        Self.bytes("GET / HTTP/1.1\r\nHost: a\r\nX-A:\t a b \t\r\nX-Empty:\r\n\r\n"))
    else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.headers["x-a"] == "a b")
    #expect(head.headers["X-Empty"] == "")
  }

  @Test func utf8FieldValue_isKept() {
    guard
      case .complete(let head, _, _) = Self.parse(
        Self.bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Name: Zoë\r\n\r\n"))
    else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.headers["X-Name"] == "Zoë")
  }

  @Test func contentLength_framesTheBody() {
    let result = Self.parse(Self.bytes("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 42\r\n\r\n"))
    guard case .complete(_, let framing, _) = result else {
      Issue.record("expected a complete head")
      return
    }
    #expect(framing == .contentLength(42))
  }

  @Test func identicalContentLengths_countAsOne() {
    let result = Self.parse(
      Self.bytes(
        "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 7, 7\r\ncontent-length: 07\r\n\r\n"))
    guard case .complete(_, let framing, _) = result else {
      Issue.record("expected a complete head, got \(result)")
      return
    }
    #expect(framing == .contentLength(7))
  }

  @Test func chunkedTransferEncoding_framesChunked() {
    let result = Self.parse(
      Self.bytes("POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n"))
    guard case .complete(_, let framing, _) = result else {
      Issue.record("expected a complete head")
      return
    }
    #expect(framing == .chunked)
  }

  @Test func higherMinorVersion_isHandledAsHTTP11() {
    guard case .complete(let head, _, _) = Self.parse(Self.bytes("GET / HTTP/1.2\r\nHost: a\r\n\r\n")) else {
      Issue.record("HTTP/1.2 refused")
      return
    }
    #expect(head.minorVersion == 1)
  }

  @Test func http10KeepAlive_isPersistentWithoutHost() {
    let result = Self.parse(Self.bytes("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"))
    guard case .complete(let head, _, _) = result else {
      Issue.record("expected a complete head, got \(result)")
      return
    }
    #expect(head.minorVersion == 0)
    #expect(head.wantsKeepAlive)
  }

  @Test func http10WithoutKeepAlive_isNotPersistent() {
    guard case .complete(let head, _, _) = Self.parse(Self.bytes("GET / HTTP/1.0\r\n\r\n")) else {
      Issue.record("expected a complete head")
      return
    }
    #expect(!head.wantsKeepAlive)
  }

  @Test(arguments: [
    "CONNECT lab.local:443 HTTP/1.1\r\nHost: lab.local:443\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    "GET http://lab.local/x?y HTTP/1.1\r\nHost: lab.local\r\n\r\n",
    "GET HTTPS://lab.local HTTP/1.1\r\nHost: lab.local\r\n\r\n",
  ])
  func targetForms_areAcceptedWithTheirMethods(_ request: String) {
    let result = Self.parse(Self.bytes(request))
    guard case .complete = result else {
      Issue.record("expected a complete head, got \(result)")
      return
    }
  }

  @Test func pipelinedRequests_parseBackToBack() {
    let first = "POST /one HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
    let second = "GET /two HTTP/1.1\r\nHost: a\r\n\r\n"
    let buffer = Self.bytes(first + second)
    var parser = HTTPRequestParser()
    guard
      case .complete(let one, .contentLength(let length), let headLength) = buffer.withUnsafeBytes({
        parser.parseHead($0)
      })
    else {
      Issue.record("first request did not parse")
      return
    }
    #expect(one.target == "/one")
    let next = headLength + length
    parser.reset()
    let result = buffer[next...].withUnsafeBytes { parser.parseHead($0) }
    guard case .complete(let two, .none, let secondLength) = result else {
      Issue.record("second request did not parse: \(result)")
      return
    }
    #expect(two.target == "/two")
    #expect(next + secondLength == buffer.count)
  }

  @Test(arguments: [
    "GET /a HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n\r\n",
    "\r\nPOST /b HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n",
    "GET / HTTP/1.1\nHost: a\r\n\r\n",
    "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
  ])
  func byteByByteFeeding_matchesOneShot(_ request: String) {
    let bytes = Self.bytes(request)
    let whole = Self.parse(bytes)
    for step in [1, 2, 7] {
      let pieces = Self.parseGrowing(bytes, step: step)
      #expect(Self.summary(pieces) == Self.summary(whole), "step \(step)")
    }
  }

  /// A comparable rendering of a result.
  static func summary(_ result: HTTPRequestParser.HeadResult) -> String {
    switch result {
    case .needMore: "needMore"
    case .failure(let error): "failure \(error)"
    case .complete(let head, let framing, let length):
      "\(head.method) \(head.target) 1.\(head.minorVersion) \(head.headers.fields.map { "\($0.name)=\($0.value)" }) \(framing) \(length)"
    }
  }

  @Test func overlongRequestLine_is414BeforeItsEnd() {
    var limits = HTTPLimits()
    limits.maxRequestLine = 64
    let unfinished = Self.bytes("GET /" + String(repeating: "a", count: 70))
    #expect(Self.failureStatus(Self.parse(unfinished, limits: limits)) == 414)
  }

  @Test func requestLineAtTheLimit_isAccepted() {
    var limits = HTTPLimits()
    limits.maxRequestLine = 64
    let line = "GET /" + String(repeating: "a", count: 64 - 14) + " HTTP/1.1"
    #expect(line.utf8.count == 64)
    let result = Self.parseGrowing(
      Self.bytes(line + "\r\nHost: a\r\n\r\n"), step: 1, limits: limits)
    guard case .complete = result else {
      Issue.record("expected a complete head, got \(result)")
      return
    }
  }

  @Test func headerSectionAtTheLimit_isAcceptedAndOneByteMoreIs431() {
    var limits = HTTPLimits()
    limits.maxHeaderBytes = 21  // "Host: a\r\n" is 9 bytes, "X-A: 12345\r\n" 12.
    let atLimit = Self.bytes("GET / HTTP/1.1\r\nHost: a\r\nX-A: 12345\r\n\r\n")
    let overLimit = Self.bytes("GET / HTTP/1.1\r\nHost: a\r\nX-A: 123456\r\n\r\n")
    for step in [1, atLimit.count] {
      guard case .complete = Self.parseGrowing(atLimit, step: step, limits: limits) else {
        Issue.record("expected a complete head at the limit, step \(step)")
        return
      }
      #expect(Self.failureStatus(Self.parseGrowing(overLimit, step: step, limits: limits)) == 431)
    }
  }

  @Test func oversizedHeaderSection_is431BeforeItsEnd() {
    var limits = HTTPLimits()
    limits.maxHeaderBytes = 100
    let unfinished = Self.bytes(
      "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + String(repeating: "b", count: 120))
    #expect(Self.failureStatus(Self.parse(unfinished, limits: limits)) == 431)
  }

  @Test func reset_parsesANewRequest() {
    var parser = HTTPRequestParser()
    let bad = Self.bytes("GET / HTTP/1.1\r\n\r\n")
    #expect(Self.failureStatus(bad.withUnsafeBytes { parser.parseHead($0) }) == 400)
    parser.reset()
    let good = Self.bytes("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
    guard case .complete(let head, _, _) = good.withUnsafeBytes({ parser.parseHead($0) }) else {
      Issue.record("expected a complete head after reset")
      return
    }
    #expect(head.target == "/x")
  }
}

import Testing

@testable import Wire

@Suite struct HTTPResponseParserTests {
  static func parse(_ text: String, method: HTTPMethod = .get, step: Int? = nil)
    -> HTTPResponseParser.HeadResult
  {
    let bytes = Array(text.utf8)
    var parser = HTTPResponseParser()
    var available = 0
    while true {
      available = min(bytes.count, available + (step ?? bytes.count))
      let result = bytes[..<available].withUnsafeBytes {
        parser.parseHead($0, requestMethod: method)
      }
      if case .needMore = result, available < bytes.count { continue }
      return result
    }
  }

  static func framing(_ text: String, method: HTTPMethod = .get) -> BodyFraming? {
    if case .complete(_, let framing, _) = parse(text, method: method) { return framing }
    return nil
  }

  @Test func statusLineAndFields_areParsed() {
    let text = "HTTP/1.1 201 Created\r\nLocation: /labs/2\r\nContent-Length: 4\r\n\r\nbody"
    guard case .complete(let head, let framing, let headLength) = Self.parse(text) else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.status.code == 201)
    #expect(head.status.reason == "Created")
    #expect(head.minorVersion == 1)
    #expect(head.headers["location"] == "/labs/2")
    #expect(framing == .contentLength(4))
    #expect(headLength == text.utf8.count - 4)
  }

  @Test func missingReasonPhrase_isAccepted() {
    guard case .complete(let head, _, _) = Self.parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")
    else {
      Issue.record("expected a complete head")
      return
    }
    #expect(head.status.code == 200)
    #expect(head.status.reason == "")
  }

  @Test func framing_followsRFC9112Section6_3() {
    #expect(Self.framing("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") == .chunked)
    #expect(Self.framing("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n") == .contentLength(12))
    #expect(Self.framing("HTTP/1.1 200 OK\r\n\r\n") == .untilClose)
    #expect(
      Self.framing("HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n", method: .head)
        == BodyFraming.none)
    #expect(Self.framing("HTTP/1.1 204 No Content\r\n\r\n") == BodyFraming.none)
    #expect(
      Self.framing("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n") == BodyFraming.none)
    #expect(Self.framing("HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n") == BodyFraming.none)
    #expect(Self.framing("HTTP/1.1 200 OK\r\n\r\n", method: .connect) == BodyFraming.none)
  }

  @Test func interimResponse_isCompleteThenTheFinalOneFollows() {
    let bytes = Array(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)
    var parser = HTTPResponseParser()
    guard
      case .complete(let interim, .none, let interimLength) = bytes.withUnsafeBytes({
        parser.parseHead($0, requestMethod: .post)
      })
    else {
      Issue.record("expected the interim head")
      return
    }
    #expect(interim.status == .continue)
    parser.reset()
    guard
      case .complete(let final, .contentLength(0), let finalLength) = bytes[interimLength...]
        .withUnsafeBytes({ parser.parseHead($0, requestMethod: .post) })
    else {
      Issue.record("expected the final head")
      return
    }
    #expect(final.status == .ok)
    #expect(interimLength + finalLength == bytes.count)
  }

  @Test func keepAlive_followsVersionAndConnection() {
    func head(_ text: String) -> HTTPResponseHead? {
      if case .complete(let head, _, _) = Self.parse(text) { return head }
      return nil
    }
    #expect(head("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")?.allowsKeepAlive == true)
    #expect(
      head("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")?.allowsKeepAlive
        == false)
    #expect(head("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")?.allowsKeepAlive == false)
    #expect(
      head("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n")?
        .allowsKeepAlive == true)
  }

  @Test(arguments: [
    "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 600 Odd\r\n\r\n",
    "HTTP/2 200 OK\r\n\r\n",
    "HTTP/2.0 200 OK\r\n\r\n", "http/1.1 200 OK\r\n\r\n", "HTTP/1.1  200 OK\r\n\r\n",
    "HTTP/1.1 200OK\r\n\r\n",
    "HTTP/1.1 200 O\u{1}K\r\n\r\n", "HTTP/1.1 200 OK\n\r\n",
    "HTTP/1.1 200 OK\r\nA: 1\r\n 2\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
    "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
    "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n", "HTTP/1.1 200 OK\r\nX: \0\r\n\r\n",
  ])
  func malformedResponse_is502(_ text: String) {
    for step in [nil, 1] as [Int?] {
      guard case .failure(let error) = Self.parse(text, step: step) else {
        Issue.record("expected a failure, step \(String(describing: step))")
        return
      }
      #expect(error.status == .badGateway)
    }
  }

  @Test func overlongStatusLine_is502BeforeItsEnd() {
    var parser = HTTPResponseParser()
    let bytes = Array(("HTTP/1.1 200 " + String(repeating: "x", count: 9000)).utf8)
    guard
      case .failure(let error) = bytes.withUnsafeBytes({ parser.parseHead($0, requestMethod: .get) }
      )
    else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.status == .badGateway)
  }
}

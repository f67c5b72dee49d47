import Glibc
import Synchronization
import Testing
import Wire

@Suite struct HTTPServerTests {
  static let hello = Route(
    .get, "/hello", .inline { _ in HTTPResponse(contentType: "text/plain", text: "hello") })
  static let echo = Route(
    .post, "/echo", bodyLimit: 64,
    .inline { request in
      HTTPResponse(
        headers: ["Content-Type": "application/octet-stream"], body: .bytes(request.body))
    })
  static let slow = Route(
    .get, "/slow",
    .task { _ in
      try await Task.sleep(for: .milliseconds(150))
      return HTTPResponse(contentType: "text/plain", text: "slow")
    })
  static let routes = [hello, echo, slow]

  @Test func keepAlive_servesSeveralRequestsOnOneConnection() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      for round in 1...3 {
        try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(
          await connection.read(until: {
            String(decoding: $0, as: UTF8.self).components(of: "hello") == round * 1 + 0
          }))
      }
      #expect(connection.count(of: "HTTP/1.1 200 OK") == 3)
      #expect(!connection.text.contains("Connection: close"))
    }
  }

  @Test func pipelining_answersInOrderEvenAcrossAsyncHandlers() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nping"
      )
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("ping") }))
      let text = connection.text
      let slow = try #require(text.firstRange(of: "slow"))
      let hello = try #require(text.firstRange(of: "hello"))
      #expect(slow.lowerBound < hello.lowerBound)
      #expect(connection.count(of: "HTTP/1.1 200 OK") == 3)
    }
  }

  @Test func chunkedRequest_isDecodedForTheHandler() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n")
      try connection.send("4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n")
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("abcdefg") }))
      #expect(connection.text.contains("Content-Length: 7\r\n"))
    }
  }

  @Test func streamingResponse_isChunkedAndEachWriteArrivesAlone() async throws {
    let gate = Gate()
    let route = Route(
      .get, "/events",
      .inline { _ in
        ServerSentEvent.response { writer in
          Task {
            writer.write(ServerSentEvent(id: "1", data: "first\nline").encoded)
            await gate.wait()
            writer.write(ServerSentEvent(event: "tick", data: "second").encoded)
            writer.finish()
          }
        }
      })
    try await withServer([route]) { server in
      let connection = try RawConnection(server.address)
      try connection.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).contains("data: line\n\n")
        }))
      #expect(connection.text.contains("Transfer-Encoding: chunked"))
      #expect(connection.text.contains("Content-Type: text/event-stream"))
      #expect(connection.text.contains("id: 1\ndata: first\ndata: line\n\n"))
      #expect(!connection.text.contains("second"))
      gate.open()
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("0\r\n\r\n") })
      )
      #expect(connection.text.contains("event: tick\ndata: second\n\n"))
    }
  }

  @Test func streamClosedByPeer_runsCloseHandler() async throws {
    let closed = Atomic<Bool>(false)
    let route = Route(
      .get, "/events",
      .inline { _ in
        ServerSentEvent.response { writer in
          writer.onClose { closed.store(true, ordering: .releasing) }
          writer.write(ServerSentEvent.comment("hi"))
        }
      })
    try await withServer([route]) { server in
      do {
        let connection = try RawConnection(server.address)
        try connection.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(
          await connection.read(until: { String(decoding: $0, as: UTF8.self).contains(": hi") }))
      }
      #expect(await eventually { closed.load(ordering: .acquiring) })
    }
  }

  @Test func head_hasLengthButNoBody() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hello") }))
      #expect(connection.count(of: "Content-Length: 5") == 2)
      #expect(connection.count(of: "hello") == 1)
    }
  }

  @Test func expectContinue_sends100BeforeTheBody() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n")
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).contains("100 Continue\r\n\r\n")
        }))
      try connection.send("abc")
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("abc") }))
    }
  }

  @Test func expectContinue_tooLargeGets413WithoutContinue() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\nExpect: 100-continue\r\n\r\n")
      #expect(await connection.waitForClose())
      #expect(connection.text.hasPrefix("HTTP/1.1 413"))
      #expect(!connection.text.contains("100 Continue"))
    }
  }

  @Test(arguments: [
    ("GET /\(String(repeating: "a", count: 9000)) HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    (
      "GET /hello HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-A: b\r\n", count: 101) + "\r\n",
      431
    ),
    (
      "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 70_000))\r\n\r\n",
      431
    ),
    ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n", 413),
    (
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      400
    ),
    ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
    ("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", 400),
    ("GET /hello HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n b\r\n\r\n", 400),
    ("GET /hello HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n", 413),
    ("GET /hello HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ("GET /hello HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n", 417),
  ])
  func badRequest_getsItsStatusAndClose(request: String, status: Int) async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(request)
      #expect(await connection.waitForClose())
      #expect(connection.text.hasPrefix("HTTP/1.1 \(status) "), "\(connection.text.prefix(80))")
      #expect(connection.text.contains("Connection: close"))
    }
  }

  @Test func unknownPath_is404AndKeepsTheConnection() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /nope HTTP/1.1\r\nHost: x\r\n\r\nDELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).components(of: "HTTP/1.1 ") == 2 && $0.last == 10
        }))
      #expect(connection.text.hasPrefix("HTTP/1.1 404 "))
      #expect(connection.text.contains("HTTP/1.1 405 "))
      #expect(connection.text.contains("Allow: GET\r\n"))
    }
  }

  @Test func slowloris_isCutOffWith408() async throws {
    try await withServer(Self.routes, configure: { $0.headerTimeout = .milliseconds(300) }) {
      server in
      let connection = try RawConnection(server.address)
      try connection.send("GET /hello HTTP/1.1\r\nHo")
      // A byte every 100 ms never completes the head; were the timer reset by each byte,
      // the connection would stay open for the whole 20 s.
      var closed = false
      let deadline = ContinuousClock.now + .seconds(20)
      while !closed && ContinuousClock.now < deadline {
        try? connection.send("s")
        closed = await connection.waitForClose(timeout: .milliseconds(100))
      }
      #expect(closed)
      #expect(connection.text.hasPrefix("HTTP/1.1 408 "))
    }
  }

  @Test func idleConnection_isClosedSilently() async throws {
    try await withServer(Self.routes, configure: { $0.idleTimeout = .milliseconds(300) }) {
      server in
      let connection = try RawConnection(server.address)
      try connection.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hello") }))
      #expect(await connection.waitForClose(timeout: .seconds(5)))
      #expect(connection.count(of: "HTTP/1.1") == 1)
    }
  }

  @Test func halfClosedClient_stillGetsItsAnswers() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
      connection.shutdownWrite()
      #expect(await connection.waitForClose())
      #expect(connection.count(of: "HTTP/1.1 200 OK") == 2)
    }
  }

  @Test func http10_closesUnlessKeepAliveAsked() async throws {
    try await withServer(Self.routes) { server in
      let first = try RawConnection(server.address)
      try first.send("GET /hello HTTP/1.0\r\n\r\n")
      #expect(await first.waitForClose())
      #expect(first.text.hasPrefix("HTTP/1.1 200 OK"))
      let second = try RawConnection(server.address)
      try second.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
      #expect(await second.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hello") }))
      #expect(second.text.contains("Connection: keep-alive"))
    }
  }

  @Test func gracefulShutdown_finishesInFlightAndClosesIdle() async throws {
    let gate = Gate()
    let entered = Atomic<Bool>(false)
    let route = Route(
      .get, "/wait",
      .task { _ in
        entered.store(true, ordering: .releasing)
        await gate.wait()
        return HTTPResponse(contentType: "text/plain", text: "done")
      })
    var configuration = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!, loops: 2)
    configuration.log = { _ in }
    let server = try HTTPServer(configuration: configuration, router: Router([route, Self.hello]))
    server.start()
    let busy = try RawConnection(server.address)
    try busy.send("GET /wait HTTP/1.1\r\nHost: x\r\n\r\n")
    let idle = try RawConnection(server.address)
    try idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(await idle.read(until: { String(decoding: $0, as: UTF8.self).hasSuffix("hello") }))
    #expect(await eventually { entered.load(ordering: .acquiring) })

    server.shutdown(gracePeriod: .seconds(10))
    #expect(await idle.waitForClose())
    #expect(await eventually { (try? RawConnection(server.address)) == nil })
    gate.open()
    #expect(await busy.waitForClose())
    #expect(busy.text.hasPrefix("HTTP/1.1 200 OK"))
    #expect(busy.text.contains("Connection: close"))
    #expect(busy.text.hasSuffix("done"))
    server.waitUntilStopped()
  }

  @Test func gracePeriod_boundsAStuckRequest() async throws {
    let gate = Gate()
    let route = Route(
      .get, "/stuck",
      .task { _ in
        await gate.wait()
        return HTTPResponse()
      })
    var configuration = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!, loops: 1)
    configuration.log = { _ in }
    let server = try HTTPServer(configuration: configuration, router: Router([route]))
    server.start()
    let connection = try RawConnection(server.address)
    try connection.send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n")
    try await Task.sleep(for: .milliseconds(50))
    let start = ContinuousClock.now
    server.shutdown(gracePeriod: .milliseconds(300))
    server.waitUntilStopped()
    // Without the grace period the stuck handler would hold the server forever.
    #expect(ContinuousClock.now - start < .seconds(20))
    #expect(await connection.waitForClose())
    gate.open()
  }

  @Test func metrics_countRequestsByClassInPrometheusText() async throws {
    try await withServer(Self.routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
      )
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).contains("http_server_connections_total")
        }))
      let text = connection.text
      #expect(text.contains("Content-Type: text/plain; version=0.0.4"))
      #expect(text.contains("http_server_requests_total{class=\"2xx\"} 1\n"))
      #expect(text.contains("http_server_requests_total{class=\"4xx\"} 1\n"))
      #expect(text.contains("# TYPE http_server_request_duration_seconds histogram"))
      #expect(text.contains("http_server_request_duration_seconds_bucket{le=\"+Inf\"} 2\n"))
      #expect(text.contains("http_server_connections_open 1\n"))
    }
  }

  @Test func handlerError_becomesItsStatus() async throws {
    let routes = [
      Route(
        .get, "/teapot",
        .inline { _ in throw HTTPError(HTTPStatus(418, "I'm a teapot"), "short and stout") }),
      Route(.get, "/boom", .task { _ in throw SystemCallError("boom", errno: 1) }),
    ]
    try await withServer(routes) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /teapot HTTP/1.1\r\nHost: x\r\n\r\nGET /boom HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).contains("HTTP/1.1 500") && $0.last == 10
        }))
      #expect(connection.text.hasPrefix("HTTP/1.1 418 I'm a teapot"))
      #expect(connection.text.contains("short and stout"))
      #expect(!connection.text.contains("boom"))
    }
  }

  @Test func fixedHeaders_areOnEveryResponseAndWinOverTheHandlers() async throws {
    let routes = [
      Route(.get, "/frame", .inline { _ in HTTPResponse(headers: ["X-Frame-Options": "ALLOWALL"]) })
    ]
    try await withServer(
      routes, configure: { $0.fixedHeaders = ["X-Frame-Options": "DENY", "X-Test": "1"] }
    ) { server in
      let connection = try RawConnection(server.address)
      try connection.send(
        "GET /frame HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(
        await connection.read(until: {
          String(decoding: $0, as: UTF8.self).components(of: "X-Test: 1") == 2 && $0.last == 10
        }))
      try await Task.sleep(for: .milliseconds(20))
      _ = await connection.read(until: { _ in false }, timeout: .milliseconds(50))
      #expect(connection.count(of: "X-Frame-Options: DENY") == 2)
      #expect(!connection.text.contains("ALLOWALL"))
    }
  }
}

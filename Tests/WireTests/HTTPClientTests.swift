import CLinux
import Dispatch
import Foundation
import Glibc
import Synchronization
import Testing

@testable import Wire

@Suite struct HTTPClientTests {
  static let loopback = SocketAddress(host: "127.0.0.1", port: 0)!

  static func client(_ configure: (inout HTTPClient.Configuration) -> Void = { _ in }) -> HTTPClient
  {
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .seconds(5)
    configuration.responseTimeout = .seconds(5)
    configure(&configuration)
    return HTTPClient(configuration: configuration)
  }

  /// Answers every request on every connection with `response`, until the client closes.
  static func answeringServer(_ response: String) throws -> CannedServer {
    try CannedServer { _, peer in
      while peer.readRequest() != nil { peer.write(response) }
    }
  }

  @Test func keepAlive_reusesTheConnection() throws {
    let server = try Self.answeringServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    for _ in 0..<3 {
      let response = try client.send(HTTPClientRequest(target: "/health"), to: server.address)
      #expect(response.status == .ok)
      #expect(response.body == Array("ok".utf8))
    }
    #expect(server.acceptedCount == 1)
    #expect(server.requestHeads.count == 3)
  }

  @Test func hostAndContentLength_areAddedWhenMissing() throws {
    let server = try Self.answeringServer("HTTP/1.1 204 No Content\r\n\r\n")
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let response = try client.send(
      HTTPClientRequest(method: .post, target: "/labs", body: Array("abc".utf8)), to: server.address
    )
    #expect(response.status == .noContent)
    let head = try #require(server.requestHeads.first)
    #expect(head.method == .post)
    #expect(head.headers["Host"] == server.address.description)
    #expect(head.headers["Content-Length"] == "3")
  }

  @Test func chunkedResponse_isDecodedAndTheConnectionKept() throws {
    let server = try Self.answeringServer(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;x=1\r\n, world\r\n0\r\nX-Sum: 1\r\n\r\n"
    )
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let response = try client.send(HTTPClientRequest(target: "/"), to: server.address)
    #expect(response.body == Array("hello, world".utf8))
    #expect(client.pool.idleCount(for: server.address) == 1)
  }

  @Test func untilCloseBody_isReadToTheEnd() throws {
    let server = try CannedServer { _, peer in
      _ = peer.readRequest()
      peer.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end")
    }
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let response = try client.send(HTTPClientRequest(target: "/"), to: server.address)
    #expect(response.body == Array("until the end".utf8))
    #expect(client.pool.idleCount(for: server.address) == 0)
  }

  @Test func interimResponses_areSkipped() throws {
    let server = try Self.answeringServer(
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx"
    )
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let response = try client.send(
      HTTPClientRequest(method: .put, target: "/x", body: [1]), to: server.address)
    #expect(response.status == .created)
    #expect(response.body == Array("x".utf8))
  }

  @Test func connectionClose_isNotPooled() throws {
    let server = try Self.answeringServer(
      "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    _ = try client.send(HTTPClientRequest(target: "/"), to: server.address)
    #expect(client.pool.idleCount(for: server.address) == 0)
  }

  @Test func stalePooledConnection_isRetriedOnceOnAFreshOne() throws {
    // The first connection answers once, then takes the next request and closes without a
    // byte of response: the client must send that request again on a new connection.
    let server = try CannedServer { index, peer in
      if index == 0 {
        _ = peer.readRequest()
        peer.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst")
        _ = peer.readRequest()
      } else {
        while peer.readRequest() != nil {
          peer.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond")
        }
      }
    }
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    #expect(
      try client.send(HTTPClientRequest(target: "/a"), to: server.address).body
        == Array("first".utf8))
    #expect(
      try client.send(HTTPClientRequest(target: "/b"), to: server.address).body
        == Array("second".utf8))
    #expect(server.acceptedCount == 2)
    #expect(server.requestHeads.map(\.target) == ["/a", "/b", "/b"])
  }

  @Test func freshConnectionClosedEarly_isNotRetried() throws {
    let server = try CannedServer { _, peer in _ = peer.readRequest() }
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: server.address)
    }
    #expect(server.acceptedCount == 1)
  }

  @Test func silentServer_givesResponseTimeout() throws {
    let server = try CannedServer { _, peer in
      _ = peer.readRequest()
      peer.waitForClose()
    }
    defer { server.stop() }
    let client = Self.client { $0.responseTimeout = .milliseconds(200) }
    defer { client.close() }
    let started = ContinuousClock.now
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: server.address)
    }
    guard case .responseTimeout = error else {
      Issue.record("expected responseTimeout, got \(String(describing: error))")
      return
    }
    #expect(ContinuousClock.now - started < .seconds(20))
  }

  @Test func fullBacklog_givesConnectTimeout() throws {
    // A listener that never accepts, with its backlog filled: Linux drops further SYNs, so the
    // next connect stays in progress until the client's deadline.
    let listener = try Socket.listen(on: Self.loopback, backlog: 0)
    defer { Glibc.close(listener) }
    let address = try SocketAddress.local(of: listener)
    var fillers: [Int32] = []
    defer { fillers.forEach { _ = Glibc.close($0) } }
    let client = Self.client { $0.connectTimeout = .milliseconds(300) }
    var sawTimeout = false
    for _ in 0..<8 where !sawTimeout {
      do {
        let connection = try HTTPClientConnection.open(to: address, timeout: .milliseconds(300))
        fillers.append(connection.descriptor)
      } catch .connectTimeout {
        sawTimeout = true
      }
    }
    #expect(sawTimeout)
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: address)
    }
    guard case .connectTimeout = error else {
      Issue.record("expected connectTimeout, got \(String(describing: error))")
      return
    }
  }

  @Test func refusedConnection_givesConnectionFailed() throws {
    let listener = try Socket.listen(on: Self.loopback)
    let address = try SocketAddress.local(of: listener)
    Glibc.close(listener)
    let client = Self.client()
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: address)
    }
    guard case .connectionFailed(let failure) = error else {
      Issue.record("expected connectionFailed, got \(String(describing: error))")
      return
    }
    #expect(failure.errno == ECONNREFUSED)
  }

  @Test(arguments: [
    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
    "HTTP/1.1 2OO OK\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    "SSH-2.0-OpenSSH_9.6\r\n\r\n",
  ])
  func malformedResponse_givesInvalidResponse(_ reply: String) throws {
    let server = try Self.answeringServer(reply)
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: server.address)
    }
    guard case .invalidResponse(let problem) = error else {
      Issue.record("expected invalidResponse, got \(String(describing: error))")
      return
    }
    #expect(problem.status == .badGateway)
  }

  @Test(arguments: [
    "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n",
    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n01234567\r\n8\r\n01234567\r\n0\r\n\r\n",
    "HTTP/1.1 200 OK\r\n\r\n0123456789abcdef",
  ])
  func oversizedBody_givesBodyTooLarge(_ reply: String) throws {
    let server = try CannedServer { _, peer in
      _ = peer.readRequest()
      peer.write(reply)
    }
    defer { server.stop() }
    let client = Self.client { $0.maxResponseBody = 10 }
    defer { client.close() }
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(HTTPClientRequest(target: "/"), to: server.address)
    }
    guard case .bodyTooLarge = error else {
      Issue.record("expected bodyTooLarge, got \(String(describing: error))")
      return
    }
  }

  @Test(arguments: [
    HTTPClientRequest(target: "/a b"), HTTPClientRequest(target: "no-slash"),
    HTTPClientRequest(method: HTTPMethod(rawValue: "GE T"), target: "/"),
    HTTPClientRequest(target: "/", headers: ["X-Evil": "a\r\nInjected: 1"]),
    HTTPClientRequest(method: .post, target: "/", headers: ["Transfer-Encoding": "chunked"]),
    HTTPClientRequest(method: .post, target: "/", headers: ["Content-Length": "9"], body: [1, 2]),
  ])
  func unsendableRequest_givesInvalidRequestAndSendsNothing(_ request: HTTPClientRequest) throws {
    let server = try Self.answeringServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    defer { server.stop() }
    let client = Self.client()
    let error = #expect(throws: HTTPClientError.self) {
      try client.send(request, to: server.address)
    }
    guard case .invalidRequest = error else {
      Issue.record("expected invalidRequest, got \(String(describing: error))")
      return
    }
    #expect(server.acceptedCount == 0)
  }

  @Test func asyncSend_returnsTheResponse() async throws {
    let server = try Self.answeringServer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nasync")
    defer { server.stop() }
    let client = Self.client()
    defer { client.close() }
    let response = try await client.send(HTTPClientRequest(target: "/"), to: server.address)
    #expect(response.body == Array("async".utf8))
  }

  @Test func close_closesIdleConnections() throws {
    let server = try Self.answeringServer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
    defer { server.stop() }
    let client = Self.client()
    _ = try client.send(HTTPClientRequest(target: "/"), to: server.address)
    #expect(client.pool.idleCount(for: server.address) == 1)
    client.close()
    #expect(client.pool.idleCount(for: server.address) == 0)
    #expect(server.waitUntilAllConnectionsEnded())
  }
}

extension HTTPClientTests {
  /// A raw TCP server for client tests: a background thread accepts connections one after
  /// another on 127.0.0.1 (port 0) and runs a script on each, which reads requests with the
  /// real parser and writes canned bytes. `stop()` ends the thread and closes every socket.
  final class CannedServer: Sendable {
    typealias Script = @Sendable (_ index: Int, _ peer: Peer) -> Void

    private struct State {
      var accepted = 0
      var active = 0
      var heads: [HTTPRequestHead] = []
      var stopping = false
    }

    let address: SocketAddress
    private let listener: Int32
    private let state = Mutex(State())
    private let finished = DispatchSemaphore(value: 0)

    init(script: @escaping Script) throws {
      listener = try Socket.listen(on: HTTPClientTests.loopback, backlog: 16)
      do {
        address = try SocketAddress.local(of: listener)
      } catch {
        Glibc.close(listener)
        throw error
      }
      Thread { [self] in run(script) }.start()
    }

    var acceptedCount: Int { state.withLock { $0.accepted } }
    var requestHeads: [HTTPRequestHead] { state.withLock { $0.heads } }

    func record(_ head: HTTPRequestHead) { state.withLock { $0.heads.append(head) } }

    /// Waits (up to 5 s) until no connection is open any more.
    func waitUntilAllConnectionsEnded() -> Bool {
      let deadline = ContinuousClock.now + .seconds(5)
      while ContinuousClock.now < deadline {
        if state.withLock({ $0.active == 0 }) { return true }
        var nothing = pollfd()
        _ = poll(&nothing, 0, 10)
      }
      return false
    }

    func stop() {
      state.withLock { $0.stopping = true }
      finished.wait()
    }

    private func run(_ script: Script) {
      while !state.withLock({ $0.stopping }) {
        var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 20) == 1 else { continue }
        let descriptor = clinux_accept4(listener)
        guard descriptor >= 0 else { continue }
        let index = state.withLock { state in
          state.active += 1
          defer { state.accepted += 1 }
          return state.accepted
        }
        script(index, Peer(descriptor: descriptor, server: self))
        Glibc.close(descriptor)
        state.withLock { $0.active -= 1 }
      }
      Glibc.close(listener)
      finished.signal()
    }
  }

  /// The server's side of one connection; every wait is bounded by five seconds.
  final class Peer {
    let descriptor: Int32
    private let server: CannedServer
    private var buffer: [UInt8] = []

    init(descriptor: Int32, server: CannedServer) {
      self.descriptor = descriptor
      self.server = server
    }

    /// Reads one whole request (head and Content-Length body) and records its head; `nil`
    /// when the client closed, sent garbage, or took too long.
    func readRequest() -> HTTPRequestHead? {
      let deadline = ContinuousClock.now + .seconds(5)
      while true {
        var parser = HTTPRequestParser()
        if case .complete(let head, let framing, let headLength) = buffer.withUnsafeBytes({
          parser.parseHead($0)
        }) {
          var length = 0
          if case .contentLength(let count) = framing { length = count }
          if buffer.count >= headLength + length {
            buffer.removeFirst(headLength + length)
            server.record(head)
            return head
          }
        }
        guard receive(until: deadline) else { return nil }
      }
    }

    func write(_ text: String) {
      let bytes = Array(text.utf8)
      var offset = 0
      while offset < bytes.count {
        let sent = bytes.withUnsafeBytes {
          Glibc.send(
            descriptor, $0.baseAddress! + offset, bytes.count - offset, CLINUX_MSG_NOSIGNAL)
        }
        if sent > 0 {
          offset += sent
        } else {
          var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
          guard errno == EAGAIN, poll(&entry, 1, 5000) == 1 else { return }
        }
      }
    }

    /// Waits until the client closes its side.
    func waitForClose() {
      let deadline = ContinuousClock.now + .seconds(5)
      while receive(until: deadline) {}
    }

    /// Receives some bytes; `false` on close, error or deadline.
    private func receive(until deadline: ContinuousClock.Instant) -> Bool {
      while ContinuousClock.now < deadline {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 20) == 1 else { continue }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes {
          Glibc.recv(descriptor, $0.baseAddress!, 4096, 0)
        }
        if count <= 0 { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
      }
      return false
    }
  }
}

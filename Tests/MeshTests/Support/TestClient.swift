import Glibc
import Wire

/// A blocking TCP client for proxy tests: sends exact bytes and reads whole responses, every
/// wait bounded by a deadline (poll), so a test fails instead of hanging.
final class TestClient {
  struct Response {
    var head: HTTPResponseHead
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    var status: Int { head.status.code }
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  let descriptor: Int32
  private var received: [UInt8] = []

  init(_ address: SocketAddress) throws {
    let (descriptor, connected) = try Socket.connect(to: address)
    self.descriptor = descriptor
    if !connected {
      var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      guard poll(&poller, 1, 5000) == 1, Socket.pendingError(descriptor) == 0 else {
        Glibc.close(descriptor)
        throw Failure(description: "connect to \(address) failed")
      }
    }
  }

  deinit { Glibc.close(descriptor) }

  func send(_ text: String) throws { try send(Array(text.utf8)) }

  func send(_ bytes: [UInt8], timeout: Duration = .seconds(10)) throws {
    let deadline = ContinuousClock.now + timeout
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if count < 0 {
        guard errno == EAGAIN || errno == EINTR, ContinuousClock.now < deadline else {
          throw Failure(description: "send failed (errno \(errno))")
        }
        var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&poller, 1, 100)
        continue
      }
      offset += count
    }
  }

  /// Reads one response (after a request with `method`), body de-chunked.
  func response(method: HTTPMethod = .get, timeout: Duration = .seconds(5)) throws -> Response {
    let deadline = ContinuousClock.now + timeout
    var parser = HTTPResponseParser()
    while true {
      let result = received.withUnsafeBytes { parser.parseHead($0, requestMethod: method) }
      switch result {
      case .failure(let error): throw Failure(description: "bad response head: \(error)")
      case .needMore:
        guard try receive(until: deadline) else {
          throw Failure(description: "connection closed before a response head")
        }
      case .complete(let head, let framing, let headLength):
        received.removeFirst(headLength)
        if head.status.code / 100 == 1 {
          parser.reset()
          continue
        }
        return Response(head: head, body: try body(framing, until: deadline))
      }
    }
  }

  private func body(_ framing: BodyFraming, until deadline: ContinuousClock.Instant) throws
    -> [UInt8]
  {
    switch framing {
    case .none:
      return []
    case .contentLength(let count):
      while received.count < count {
        guard try receive(until: deadline) else { throw Failure(description: "body cut short") }
      }
      defer { received.removeFirst(count) }
      return Array(received[..<count])
    case .untilClose:
      while try receive(until: deadline) {}
      defer { received.removeAll() }
      return received
    case .chunked:
      var decoder = ChunkedDecoder(maxBody: 1 << 30)
      var body: [UInt8] = []
      var offset = 0
      while true {
        let result = try received[offset...].withUnsafeBytes { try decoder.decode($0, into: &body) }
        offset += result.consumed
        if result.finished {
          received.removeFirst(offset)
          return body
        }
        guard try receive(until: deadline) else { throw Failure(description: "chunks cut short") }
      }
    }
  }

  /// Waits until the peer closes; bytes that arrive meanwhile are kept.
  func waitForClose(timeout: Duration = .seconds(5)) throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if try !receive(until: deadline) { return true }
    }
    return false
  }

  /// Receives more bytes. Returns `false` at end of stream; throws at the deadline.
  private func receive(until deadline: ContinuousClock.Instant) throws -> Bool {
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let left = deadline - ContinuousClock.now
      guard left > .zero else { throw Failure(description: "timed out waiting for the proxy") }
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      let ready = poll(&poller, 1, Int32(max(1, left.nanoseconds / 1_000_000)))
      if ready <= 0 { continue }
      let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        received.append(contentsOf: chunk[..<count])
        return true
      }
      if count == 0 || errno == ECONNRESET { return false }
      if errno != EAGAIN, errno != EINTR { throw Failure(description: "recv errno \(errno)") }
    }
  }
}

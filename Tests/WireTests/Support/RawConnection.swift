import Glibc
import Wire

/// A TCP client for tests: sends exact bytes and reads with deadlines, so tests can speak
/// malformed HTTP and watch exactly what the server answers. Reads poll without blocking and
/// sleep between polls, so a waiting test never holds one of the few cooperative threads
/// that the server's own task handlers need.
final class RawConnection {
  let descriptor: Int32
  private(set) var received: [UInt8] = []

  init(_ address: SocketAddress) throws {
    let (descriptor, connected) = try Socket.connect(to: address)
    self.descriptor = descriptor
    if !connected {
      var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      guard poll(&poller, 1, 5000) == 1, Socket.pendingError(descriptor) == 0 else {
        Glibc.close(descriptor)
        throw SystemCallError("connect", errno: ECONNREFUSED)
      }
    }
  }

  deinit { Glibc.close(descriptor) }

  func send(_ text: String) throws { try send(Array(text.utf8)) }

  func send(_ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
      }
      if count < 0 {
        if errno == EAGAIN || errno == EINTR {
          var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
          _ = poll(&poller, 1, 1000)
          continue
        }
        throw SystemCallError("send", errno: errno)
      }
      offset += count
    }
  }

  /// Shuts the sending side (the server sees end of input).
  func shutdownWrite() { shutdown(descriptor, Int32(SHUT_WR)) }

  /// Reads until `condition` holds on everything received so far, the peer closes, or the deadline.
  @discardableResult
  func read(until condition: ([UInt8]) -> Bool, timeout: Duration = .seconds(5)) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition(received) {
      guard ContinuousClock.now < deadline else { return false }
      switch receiveAvailable() {
      case .closed: return condition(received)
      case .nothing: try? await Task.sleep(for: .milliseconds(2))
      case .some: continue
      }
    }
    return true
  }

  /// Waits until the peer closes the connection; true if it did before the deadline.
  func waitForClose(timeout: Duration = .seconds(5)) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      switch receiveAvailable() {
      case .closed: return true
      case .nothing: try? await Task.sleep(for: .milliseconds(2))
      case .some: continue
      }
    }
    return false
  }

  private enum Receipt { case some, nothing, closed }

  /// Takes whatever the socket holds right now, without waiting.
  private func receiveAvailable() -> Receipt {
    var buffer = [UInt8](repeating: 0, count: 65536)
    let count = buffer.withUnsafeMutableBytes {
      Glibc.recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
    }
    if count > 0 {
      received.append(contentsOf: buffer[0..<count])
      return .some
    }
    if count == 0 { return .closed }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? .nothing : .closed
  }

  var text: String { String(decoding: received, as: UTF8.self) }

  /// How many complete responses (status lines) have arrived.
  func count(of needle: String) -> Int { text.components(of: needle) }
}

extension String {
  /// Occurrences of `needle` (non-overlapping).
  func components(of needle: String) -> Int {
    guard !needle.isEmpty else { return 0 }
    var count = 0
    var rest = Substring(self)
    while let range = rest.firstRange(of: needle) {
      count += 1
      rest = rest[range.upperBound...]
    }
    return count
  }
}

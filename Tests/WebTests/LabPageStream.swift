import Glibc
import Wire

/// A raw client for the lab page's event stream: sends one GET with the browser's cookies and
/// collects what arrives, polling without blocking so a waiting test never holds a thread the
/// server's handlers need.
final class LabPageStream {
  private let descriptor: Int32
  private(set) var text = ""

  init(_ address: SocketAddress, path: String, cookie: String) throws {
    let (descriptor, connected) = try Socket.connect(to: address)
    self.descriptor = descriptor
    if !connected {
      var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
      guard poll(&poller, 1, 5000) == 1, Socket.pendingError(descriptor) == 0 else {
        Glibc.close(descriptor)
        throw SystemCallError("connect", errno: ECONNREFUSED)
      }
    }
    let request = Array(
      "GET \(path) HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\nCookie: \(cookie)\r\n\r\n"
        .utf8)
    let sent = request.withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
    }
    guard sent == request.count else {
      Glibc.close(descriptor)
      throw SystemCallError("send", errno: errno)
    }
  }

  deinit { Glibc.close(descriptor) }

  /// Reads until `text` contains `needle`, the peer closes or `timeout` passes.
  func waitFor(_ needle: String, timeout: Duration = .seconds(10)) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !text.contains(needle) {
      guard ContinuousClock.now < deadline else { return false }
      let count = buffer.withUnsafeMutableBytes {
        recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
      }
      if count == 0 { return text.contains(needle) }
      if count > 0 {
        text += String(decoding: buffer[..<count], as: UTF8.self)
      } else {
        try? await Task.sleep(for: .milliseconds(20))
      }
    }
    return true
  }
}

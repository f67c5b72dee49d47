import Glibc
import Synchronization
import Wire

/// An upstream that reads one request with a Content-Length body, counting the body bytes
/// without keeping them, and answers the count. For streaming tests.
final class CountingUpstream: Sendable {
  let address: SocketAddress
  private let listener: Int32
  private let stopping = Atomic<Bool>(false)
  private let finished = Atomic<Bool>(false)

  init() throws {
    listener = try Socket.listen(on: SocketAddress("127.0.0.1:0")!)
    address = try SocketAddress.local(of: listener)
    LoopThread.detached(name: "counting-upstream") { [self] in serve() }
  }

  func stop() {
    stopping.store(true, ordering: .relaxed)
    while !finished.load(ordering: .acquiring) { usleep(1000) }
    close(listener)
  }

  private func serve() {
    defer { finished.store(true, ordering: .releasing) }
    var client: Int32 = -1
    defer { if client >= 0 { close(client) } }
    var head: [UInt8] = []
    var expected = -1
    var counted = 0
    var chunk = [UInt8](repeating: 0, count: 256 * 1024)
    while !stopping.load(ordering: .relaxed) {
      var poller = pollfd(fd: client >= 0 ? client : listener, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 10) > 0 else { continue }
      if client < 0 {
        client = accept(listener, nil, nil)
        continue
      }
      let count = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return }
      if expected < 0 {
        head += chunk[..<count]
        guard let end = headEnd(head) else { continue }
        let text = String(decoding: head[..<end], as: UTF8.self).lowercased()
        let lengthLine = text.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
        expected = lengthLine.flatMap { Int($0.dropFirst(15).trimmingASCIISpaces()) } ?? 0
        counted = head.count - end
      } else {
        counted += count
      }
      if counted >= expected {
        let body = "\(counted)"
        let response = Array(
          "HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
        _ = response.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        expected = -1
        head = []
      }
    }
  }
}

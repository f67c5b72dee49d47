import Glibc
import Wire

/// A UDP socket on a free port that collects datagrams.
final class UDPSink {
  let descriptor: Int32
  let address: SocketAddress

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, let local = try? SocketAddress.local(of: descriptor) else {
      close(descriptor)
      throw TestClient.Failure(description: "bind failed")
    }
    self.descriptor = descriptor
    self.address = local
  }

  deinit { close(descriptor) }

  /// Waits for a datagram that contains `text`.
  func receive(containing text: String, timeout: Duration = .seconds(5)) -> String? {
    let deadline = ContinuousClock.now + timeout
    var buffer = [UInt8](repeating: 0, count: 65536)
    while ContinuousClock.now < deadline {
      var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, 50) == 1 else { continue }
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { continue }
      let datagram = String(decoding: buffer[..<count], as: UTF8.self)
      if datagram.contains(text) { return datagram }
    }
    return nil
  }
}

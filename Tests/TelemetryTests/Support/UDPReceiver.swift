import Glibc
import Wire

/// A UDP socket bound to 127.0.0.1 on a port the kernel picks, standing in for the X-Ray daemon.
/// Closed when released.
final class UDPReceiver {
  let descriptor: Int32
  let address: SocketAddress

  init() throws {
    let descriptor = try systemCall("socket") {
      socket(AF_INET, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
    }
    self.descriptor = descriptor
    do {
      var local = sockaddr_in()
      local.sin_family = sa_family_t(AF_INET)
      local.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
      try systemCall("bind") {
        withUnsafePointer(to: &local) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
      }
      address = try SocketAddress.local(of: descriptor)
    } catch {
      close(descriptor)
      throw error
    }
  }

  deinit { close(descriptor) }

  /// The next datagram, or `nil` if none arrives within `timeoutMilliseconds`.
  func receive(timeoutMilliseconds: Int32 = 5000) throws -> [UInt8]? {
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard try systemCall("poll", { poll(&poller, 1, timeoutMilliseconds) }) > 0 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 70_000)
    let count = try buffer.withUnsafeMutableBytes { raw in
      try systemCall("recv") { recv(descriptor, raw.baseAddress, raw.count, 0) }
    }
    return Array(buffer.prefix(count))
  }
}

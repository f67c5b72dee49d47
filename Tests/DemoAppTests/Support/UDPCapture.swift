import Glibc
import Synchronization
import Wire

/// A UDP socket on 127.0.0.1 (port 0) standing in for the X-Ray daemon: collects datagrams.
final class UDPCapture {
  let descriptor: Int32
  let address: SocketAddress
  private(set) var datagrams: [[UInt8]] = []

  init() throws {
    let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
    var local = sockaddr_in()
    local.sin_family = sa_family_t(AF_INET)
    local.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &local) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
      }
    }
    guard bound,
      let address = SocketAddress(host: "127.0.0.1", port: UInt16(bigEndian: local.sin_port))
    else {
      close(descriptor)
      throw SystemCallError("bind", errno: errno)
    }
    self.descriptor = descriptor
    self.address = address
  }

  deinit { close(descriptor) }

  /// Receives until `count` datagrams were collected or `timeout` passed; returns whether they were.
  func receive(count: Int, timeout: Duration = .seconds(5)) async -> Bool {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    return await eventually(timeout: timeout) {
      while true {
        let received = buffer.withUnsafeMutableBytes {
          recv(descriptor, $0.baseAddress, $0.count, 0)
        }
        guard received > 0 else { break }
        datagrams.append(Array(buffer[0..<received]))
      }
      return datagrams.count >= count
    }
  }
}

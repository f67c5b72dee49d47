import Glibc
import Wire

/// A bound UDP socket for the intake. Wire's `Socket` binds TCP listeners and connects UDP
/// senders; binding a UDP receiver is done here from the address's public host and port.
enum UDPBinding {
  static func bind(_ address: SocketAddress, receiveBuffer: Int32) throws(SystemCallError) -> Int32
  {
    let family = address.family == .v6 ? AF_INET6 : AF_INET
    let descriptor = try systemCall("socket") {
      socket(family, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    }
    var size = receiveBuffer
    _ = setsockopt(
      descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    let result: Int32
    switch address.family {
    case .v4:
      var storage = sockaddr_in()
      storage.sin_family = sa_family_t(AF_INET)
      storage.sin_port = address.port.bigEndian
      inet_pton(AF_INET, address.host, &storage.sin_addr)
      result = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    case .v6:
      var storage = sockaddr_in6()
      storage.sin6_family = sa_family_t(AF_INET6)
      storage.sin6_port = address.port.bigEndian
      inet_pton(AF_INET6, address.host, &storage.sin6_addr)
      result = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
    if result != 0 {
      let code = errno
      close(descriptor)
      throw SystemCallError("bind", errno: code)
    }
    return descriptor
  }
}

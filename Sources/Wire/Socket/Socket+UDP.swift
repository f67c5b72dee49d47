import CLinux
import Glibc

extension Socket {
  /// A non-blocking UDP socket bound to `address` (port 0 takes a free one; ask
  /// ``SocketAddress/local(of:)`` which).
  public static func boundUDP(on address: SocketAddress) throws(SystemCallError) -> Int32 {
    let descriptor = try systemCall("socket") { clinux_socket_udp(address.addressFamily) }
    do {
      try systemCall("bind") { address.withSockAddr { Glibc.bind(descriptor, $0, $1) } }
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }
}

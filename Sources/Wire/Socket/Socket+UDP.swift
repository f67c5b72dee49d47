import CLinux
import Glibc

extension Socket {
  /// A non-blocking UDP socket bound to `address` (port 0 takes a free one; ask
  /// ``SocketAddress/local(of:)`` which).
  /// - Parameter receiveBuffer: `SO_RCVBUF` to ask for, in bytes, so bursts wait in the
  ///   kernel's queue (which caps it at `net.core.rmem_max`); nil keeps the default.
  public static func boundUDP(on address: SocketAddress, receiveBuffer: Int32? = nil)
    throws(SystemCallError) -> Int32
  {
    let descriptor = try systemCall("socket") { clinux_socket_udp(address.addressFamily) }
    if var size = receiveBuffer {
      _ = setsockopt(
        descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
    do {
      try systemCall("bind") { address.withSockAddr { Glibc.bind(descriptor, $0, $1) } }
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }
}

import CLinux
import Glibc

/// Creating, binding and connecting non-blocking TCP sockets. Descriptors are plain `Int32`s
/// owned by whoever asked for them: the event loop for server connections, the pool for clients.
public enum Socket {
  /// A listening socket on `address`, non-blocking and close-on-exec.
  /// - Parameter reusePort: lets several event loops each hold a listener on the same port
  ///   (`SO_REUSEPORT`), so the kernel spreads new connections among them.
  public static func listen(
    on address: SocketAddress, reusePort: Bool = false, backlog: Int32 = 1024
  )
    throws(SystemCallError) -> Int32
  {
    let descriptor = try systemCall("socket") { clinux_socket_tcp(address.addressFamily) }
    do {
      try systemCall("setsockopt") {
        clinux_set_int_option(descriptor, SOL_SOCKET, CLINUX_SO_REUSEADDR, 1)
      }
      if reusePort {
        try systemCall("setsockopt") {
          clinux_set_int_option(descriptor, SOL_SOCKET, CLINUX_SO_REUSEPORT, 1)
        }
      }
      try systemCall("bind") { address.withSockAddr { bind(descriptor, $0, $1) } }
      try systemCall("listen") { Glibc.listen(descriptor, backlog) }
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }

  /// Starts a non-blocking connect. Returns the descriptor and whether the connection is
  /// already established (`false`: wait for writability, then check ``pendingError(_:)``).
  public static func connect(to address: SocketAddress) throws(SystemCallError) -> (
    descriptor: Int32, connected: Bool
  ) {
    let descriptor = try systemCall("socket") { clinux_socket_tcp(address.addressFamily) }
    let result = address.withSockAddr { Glibc.connect(descriptor, $0, $1) }
    if result == 0 {
      setNoDelay(descriptor)
      return (descriptor, true)
    }
    let code = Glibc.errno
    if code == EINPROGRESS || code == EINTR {
      setNoDelay(descriptor)
      return (descriptor, false)
    }
    close(descriptor)
    throw SystemCallError("connect", errno: code)
  }

  /// A non-blocking UDP socket connected to `address`, so `send` needs no destination and
  /// errors the peer reports (ICMP port unreachable) come back on later sends.
  public static func connectedUDP(to address: SocketAddress) throws(SystemCallError) -> Int32 {
    let descriptor = try systemCall("socket") { clinux_socket_udp(address.addressFamily) }
    do {
      try systemCall("connect") { address.withSockAddr { Glibc.connect(descriptor, $0, $1) } }
    } catch {
      close(descriptor)
      throw error
    }
    return descriptor
  }

  /// The error of a finished non-blocking connect (`SO_ERROR`), 0 when it succeeded.
  public static func pendingError(_ descriptor: Int32) -> Int32 {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    if getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &value, &length) != 0 { return Glibc.errno }
    return value
  }

  /// Disables Nagle's algorithm: responses are written whole, so there is nothing to coalesce.
  public static func setNoDelay(_ descriptor: Int32) {
    _ = clinux_set_int_option(descriptor, Int32(IPPROTO_TCP), CLINUX_TCP_NODELAY, 1)
  }
}

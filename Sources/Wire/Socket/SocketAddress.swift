import CLinux
import Glibc

/// An IPv4 or IPv6 address with a port, parsed from `host:port` or `[v6]:port`.
public struct SocketAddress: Hashable, Sendable, CustomStringConvertible {
  public enum Family: Sendable { case v4, v6 }

  /// The numeric host, as written (`127.0.0.1`, `::1`).
  public let host: String
  public let port: UInt16
  public let family: Family

  /// Parses `host:port`; `localhost` means `127.0.0.1`. Only numeric hosts: no DNS lookups.
  public init?(_ text: String) {
    var hostPart: Substring
    let portPart: Substring
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":")
      else { return nil }
      hostPart = text[text.index(after: text.startIndex)..<close]
      portPart = text[text.index(close, offsetBy: 2)...]
    } else {
      guard let colon = text.lastIndex(of: ":") else { return nil }
      hostPart = text[..<colon]
      portPart = text[text.index(after: colon)...]
      if hostPart.contains(":") { return nil }
    }
    if hostPart == "localhost" { hostPart = "127.0.0.1" }
    guard let port = UInt16(portPart) else { return nil }
    self.init(host: String(hostPart), port: port)
  }

  /// A numeric host and a port; `nil` when the host is not a numeric IPv4 or IPv6 address.
  public init?(host: String, port: UInt16) {
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, host, &v4) == 1 {
      family = .v4
    } else if inet_pton(AF_INET6, host, &v6) == 1 {
      family = .v6
    } else {
      return nil
    }
    self.host = host
    self.port = port
  }

  public var description: String { family == .v6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

  var addressFamily: Int32 { family == .v6 ? AF_INET6 : AF_INET }

  /// Calls `body` with this address as a `sockaddr` and its length.
  func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws -> R) rethrows -> R {
    switch family {
    case .v4:
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      inet_pton(AF_INET, host, &address.sin_addr)
      return try withUnsafePointer(to: &address) {
        try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          try body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    case .v6:
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      inet_pton(AF_INET6, host, &address.sin6_addr)
      return try withUnsafePointer(to: &address) {
        try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          try body($0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    }
  }

  /// Reads a `sockaddr_storage` filled by the kernel.
  init?(storage: sockaddr_storage) {
    var storage = storage
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
    switch Int32(storage.ss_family) {
    case AF_INET:
      let (host, port) = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
          var addr = pointer.pointee.sin_addr
          inet_ntop(AF_INET, &addr, &buffer, socklen_t(buffer.count))
          return (Self.text(beforeNUL: buffer), UInt16(bigEndian: pointer.pointee.sin_port))
        }
      }
      self.init(host: host, port: port)
    case AF_INET6:
      let (host, port) = withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
          var addr = pointer.pointee.sin6_addr
          inet_ntop(AF_INET6, &addr, &buffer, socklen_t(buffer.count))
          return (Self.text(beforeNUL: buffer), UInt16(bigEndian: pointer.pointee.sin6_port))
        }
      }
      self.init(host: host, port: port)
    default:
      return nil
    }
  }

  /// The local address a socket is bound to (to learn the port after binding port 0).
  public static func local(of descriptor: Int32) throws(SystemCallError) -> SocketAddress {
    try query(descriptor, name: "getsockname") { getsockname($0, $1, $2) }
  }

  /// The peer address of a connected socket.
  public static func peer(of descriptor: Int32) throws(SystemCallError) -> SocketAddress {
    try query(descriptor, name: "getpeername") { getpeername($0, $1, $2) }
  }

  private static func query(
    _ descriptor: Int32, name: String,
    _ call: (Int32, UnsafeMutablePointer<sockaddr>, UnsafeMutablePointer<socklen_t>) -> Int32
  ) throws(SystemCallError) -> SocketAddress {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(descriptor, $0, &length) }
    }
    guard result == 0, let address = SocketAddress(storage: storage) else {
      throw SystemCallError(name, errno: Glibc.errno)
    }
    return address
  }
}

extension SocketAddress {
  /// The text `inet_ntop` wrote into `buffer`, up to its terminating NUL.
  fileprivate static func text(beforeNUL buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

import Glibc
import Synchronization
import Wire

/// Hands out loopback ports from a range so that no two live sandboxes share one: a port is
/// free when no sandbox holds it and a trial bind on 127.0.0.1 succeeds; ``release(_:)``
/// returns it. One allocator per process (``shared``) keeps every agent disjoint.
public final class PortAllocator: Sendable {
  public static let shared = PortAllocator(range: 20000...45000)

  public let range: ClosedRange<UInt16>
  private let state: Mutex<(held: Set<UInt16>, cursor: UInt16)>

  public init(range: ClosedRange<UInt16>) {
    self.range = range
    state = Mutex((held: [], cursor: range.lowerBound))
  }

  /// Allocates `count` distinct ports, or throws when the range has too few free ones.
  public func allocate(_ count: Int) throws(SandboxError) -> [UInt16] {
    try state.withLock { state throws(SandboxError) -> [UInt16] in
      var ports: [UInt16] = []
      var tried = 0
      let size = range.count
      while ports.count < count, tried < size {
        let port = state.cursor
        state.cursor = port == range.upperBound ? range.lowerBound : port + 1
        tried += 1
        if !state.held.contains(port), Self.isBindable(port) {
          state.held.insert(port)
          ports.append(port)
        }
      }
      guard ports.count == count else {
        state.held.subtract(ports)
        throw SandboxError.portsExhausted
      }
      return ports
    }
  }

  /// Returns ports to the pool.
  public func release(_ ports: [UInt16]) {
    state.withLock { $0.held.subtract(ports) }
  }

  /// The ports held right now.
  public var held: Set<UInt16> { state.withLock { $0.held } }

  /// Whether both a TCP listener and a UDP socket can bind the port (a task's trace daemon and
  /// metrics agent take datagram ports, which a TCP trial alone would not see taken).
  private static func isBindable(_ port: UInt16) -> Bool {
    guard let address = SocketAddress(host: "127.0.0.1", port: port),
      let stream = try? Socket.listen(on: address, backlog: 1)
    else { return false }
    _ = Glibc.close(stream)
    guard let datagram = try? Socket.boundUDP(on: address) else { return false }
    _ = Glibc.close(datagram)
    return true
  }
}

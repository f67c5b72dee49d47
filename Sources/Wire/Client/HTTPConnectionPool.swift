import Synchronization

/// Idle keep-alive connections per address, owned by a `Mutex`: bounded per address, and a
/// connection idle longer than `idleTimeout`, or closed by the peer meanwhile, is closed
/// instead of handed out.
final class HTTPConnectionPool: Sendable {
  private struct Idle: Sendable {
    let connection: HTTPClientConnection
    let since: ContinuousClock.Instant
  }

  private let maxPerAddress: Int
  private let idleTimeout: Duration
  private let idle = Mutex<[SocketAddress: [Idle]]>([:])

  init(maxPerAddress: Int, idleTimeout: Duration) {
    self.maxPerAddress = maxPerAddress
    self.idleTimeout = idleTimeout
  }

  deinit {
    close()
  }

  /// The most recently used live idle connection to `address`, if any.
  func take(_ address: SocketAddress) -> HTTPClientConnection? {
    let now = ContinuousClock.now
    return idle.withLock { idle in
      while let candidate = idle[address]?.popLast() {
        if now - candidate.since <= idleTimeout, candidate.connection.isReusable {
          return candidate.connection
        }
        candidate.connection.close()
      }
      return nil
    }
  }

  /// Keeps `connection` for reuse, unless `address` already has `maxPerAddress` idle ones.
  func put(_ connection: HTTPClientConnection, for address: SocketAddress) {
    let now = ContinuousClock.now
    idle.withLock { idle in
      var list = idle[address, default: []]
      list.removeAll { entry in
        let expired = now - entry.since > idleTimeout
        if expired { entry.connection.close() }
        return expired
      }
      if list.count < maxPerAddress {
        list.append(Idle(connection: connection, since: now))
      } else {
        connection.close()
      }
      idle[address] = list
    }
  }

  /// How many idle connections are kept for `address`.
  func idleCount(for address: SocketAddress) -> Int {
    idle.withLock { $0[address]?.count ?? 0 }
  }

  /// Closes every idle connection.
  func close() {
    idle.withLock { idle in
      for entry in idle.values.joined() { entry.connection.close() }
      idle.removeAll()
    }
  }
}

import Glibc
import Synchronization
import Wire

/// The sidecar proxy's data plane: one epoll loop per thread, each with its own listener
/// (`SO_REUSEPORT`) and its own upstream connection pools, so loops share nothing per request.
///
/// ```swift
/// let proxy = try ProxyServer(configuration: .init(listen: listen, upstream: upstream))
/// proxy.start()
/// print(proxy.address)
/// proxy.stop()
/// proxy.waitUntilStopped()
/// ```
public final class ProxyServer: Sendable {
  /// The address the proxy listens on (the real port when 0 was asked for).
  public let address: SocketAddress
  /// Envoy-named stats, one shard per loop.
  public let stats: ProxyStats
  private let configuration: Configuration
  private let listeners: [Int32]
  private let mailboxes: [LoopMailbox]
  private let threads = Mutex<[LoopThread]>([])
  private let started = Atomic<Bool>(false)

  /// Binds the listeners, so the port is known and taken, without starting the loops.
  public init(configuration: Configuration) throws {
    signal(SIGPIPE, SIG_IGN)
    let count = max(1, configuration.threads)
    let first = try Socket.listen(on: configuration.listen, reusePort: count > 1)
    var listeners = [first]
    do {
      let bound = try SocketAddress.local(of: first)
      for _ in 1..<count { listeners.append(try Socket.listen(on: bound, reusePort: true)) }
      mailboxes = try (0..<count).map { _ in try LoopMailbox() }
      address = bound
    } catch {
      for listener in listeners { close(listener) }
      throw error
    }
    self.listeners = listeners
    self.configuration = configuration
    stats = configuration.stats ?? ProxyStats(shardCount: count)
  }

  /// Starts the loop threads; calling it twice does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let spawned = zip(listeners, mailboxes).enumerated().map { index, pair in
      LoopThread(name: "proxy-loop-\(index)") { [configuration, stats] in
        do {
          let loop = try ProxyLoop(
            listener: pair.0, mailbox: pair.1, configuration: configuration,
            stats: stats.shard(index))
          loop.run()
        } catch {
          logToStandardError("proxy loop \(index) failed to start: \(error)")
        }
      }
    }
    threads.withLock { $0 = spawned }
  }

  /// Puts a new route table in force on every loop; requests in flight keep their routes.
  public func install(_ routes: RouteTable) {
    for mailbox in mailboxes { mailbox.post { $0.install(routes) } }
  }

  /// Puts the network toxics in force on every loop: those scoped `ingress` on an ingress
  /// listener, those scoped to a virtual service on an egress one. Route tables installed
  /// later leave them in force.
  public func install(toxics: [Toxic]) {
    let mine = toxics.filter { ($0.scope == .ingress) == (configuration.direction == .ingress) }
    for mailbox in mailboxes { mailbox.post { $0.toxics = mine } }
  }

  /// Asks every loop to close its connections and end.
  public func stop() {
    for mailbox in mailboxes { mailbox.post { $0.stop() } }
  }

  /// Blocks until every loop thread has ended.
  public func waitUntilStopped() {
    for thread in threads.withLock({ $0 }) { thread.join() }
  }

  deinit {
    for listener in listeners { close(listener) }
  }
}

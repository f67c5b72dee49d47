import Glibc
import Synchronization

/// An HTTP/1.1 server: one epoll event loop per thread (one per core by default), each with
/// its own `SO_REUSEPORT` listener so the kernel spreads connections without a shared lock.
///
/// ```swift
/// let server = try HTTPServer(configuration: .init(address: SocketAddress("127.0.0.1:0")!), router: router)
/// server.start()
/// print(server.address)              // the real port
/// server.shutdown(gracePeriod: .seconds(10))
/// server.waitUntilStopped()
/// ```
public final class HTTPServer: Sendable {
  /// The address the server listens on (with the real port when 0 was asked for).
  public let address: SocketAddress
  private let loops: [EventLoop]
  private let listeners: [Int32]
  private let perLoopMetrics: [ServerMetrics]
  private let core: ServerCore
  private let threads = Mutex<[LoopThread]>([])
  private let started = Atomic<Bool>(false)

  /// Binds the listeners (so the port is known and taken) without starting the loops.
  public init(configuration: Configuration, router: Router) throws {
    signal(SIGPIPE, SIG_IGN)
    let loopCount = max(1, configuration.loops)
    let first = try Socket.listen(
      on: configuration.address, reusePort: loopCount > 1, backlog: configuration.backlog)
    let bound = try SocketAddress.local(of: first)
    var listeners = [first]
    do {
      for _ in 1..<loopCount {
        listeners.append(
          try Socket.listen(on: bound, reusePort: true, backlog: configuration.backlog))
      }
      loops = try (0..<loopCount).map { _ in try EventLoop() }
    } catch {
      for listener in listeners { close(listener) }
      throw error
    }
    self.listeners = listeners
    address = bound
    perLoopMetrics = (0..<loopCount).map { _ in ServerMetrics() }
    let metrics = perLoopMetrics
    let baseRouter =
      configuration.metricsPath.map { path in
        router.adding(
          Route(
            .get, path,
            .inline { _ in
              HTTPResponse(
                contentType: "text/plain; version=0.0.4; charset=utf-8",
                text: ServerMetrics.render(metrics))
            }))
      } ?? router
    core = ServerCore(
      router: baseRouter,
      limits: configuration.limits,
      headerTimeout: configuration.headerTimeout.nanoseconds,
      idleTimeout: configuration.idleTimeout.nanoseconds,
      bodyTimeout: configuration.bodyTimeout.nanoseconds,
      writeTimeout: configuration.writeTimeout.nanoseconds,
      maxConnectionsPerLoop: max(1, configuration.maxConnections / loopCount),
      maxStreamBacklog: configuration.maxStreamBacklog,
      fixedFields: configuration.fixedHeaders.fields.reduce(into: []) { bytes, field in
        HTTPSerializer.appendField(name: field.name, value: field.value, into: &bytes)
      },
      fixedNames: configuration.fixedHeaders.fields.map(\.name),
      errorPage: configuration.errorPage,
      log: configuration.log)
  }

  /// Starts the loop threads. Calling it twice does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    let spawned = zip(loops, zip(listeners, perLoopMetrics)).enumerated().map { index, pair in
      let (loop, (listener, metrics)) = pair
      return LoopThread(name: "http-loop-\(index)") { [core] in
        do {
          let runner = try LoopRunner(loop: loop, listener: listener, core: core, metrics: metrics)
          runner.run()
        } catch {
          core.log("event loop \(index) failed to start: \(error)")
        }
      }
    }
    threads.withLock { $0 = spawned }
  }

  /// Stops accepting, closes idle connections, lets in-flight requests finish (answered with
  /// `Connection: close`), ends open streams, and closes whatever remains after `gracePeriod`.
  public func shutdown(gracePeriod: Duration = .seconds(10)) {
    let grace = gracePeriod.nanoseconds
    for loop in loops { loop.execute { $0.beginDrain(gracePeriod: grace) } }
  }

  /// Blocks until every loop thread has ended.
  public func waitUntilStopped() {
    let running = threads.withLock { $0 }
    for thread in running { thread.join() }
  }

  /// The server's own metrics in Prometheus text format 0.0.4.
  public func renderMetrics() -> String { ServerMetrics.render(perLoopMetrics) }
}

extension Router {
  /// A router with one more route.
  func adding(_ route: Route) -> Router { Router(routes + [route]) }
}

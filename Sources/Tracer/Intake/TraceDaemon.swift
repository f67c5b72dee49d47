import Glibc
import Wire

/// One sandbox's trace daemon (`sidecarlab tracer`): the X-Ray UDP intake, the HTTP intake and
/// X-Ray's read API on one HTTP port, all over one ``TraceStore``.
public final class TraceDaemon: Sendable {
  public struct Configuration: Sendable {
    public var udpAddress: SocketAddress
    public var httpAddress: SocketAddress
    /// The SQLite file.
    public var dataPath: String
    public var retentionSegments = 1_000_000
    public var queueCapacity = 65_536
    public var httpLoops = 1

    public init(udpAddress: SocketAddress, httpAddress: SocketAddress, dataPath: String) {
      self.udpAddress = udpAddress
      self.httpAddress = httpAddress
      self.dataPath = dataPath
    }
  }

  public let store: TraceStore
  public let statistics = TracerStatistics()
  public let writer: SegmentWriter
  public let listener: DaemonListener
  public let server: HTTPServer
  public let queries: TraceQueries

  public init(configuration: Configuration) throws {
    let clock: @Sendable () -> Double = {
      var now = timespec()
      clock_gettime(CLOCK_REALTIME, &now)
      return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    store = try TraceStore(
      path: configuration.dataPath, retentionSegments: configuration.retentionSegments)
    writer = SegmentWriter(
      store: store, statistics: statistics, capacity: configuration.queueCapacity)
    let decoder = SegmentDecoder(now: clock)
    listener = try DaemonListener(
      address: configuration.udpAddress, decoder: decoder, writer: writer)
    queries = TraceQueries(store: store)
    let intake = TraceIntake(
      decoder: decoder, writer: writer, sampling: SamplingCoordinator(now: clock))
    var serverConfiguration = HTTPServer.Configuration(
      address: configuration.httpAddress, loops: configuration.httpLoops)
    serverConfiguration.limits.maxBody = intake.maximumBody
    do {
      server = try HTTPServer(
        configuration: serverConfiguration, router: Router(intake.routes + queries.routes()))
    } catch {
      listener.stop()
      store.close()
      throw error
    }
  }

  public func start() {
    writer.start()
    listener.start()
    server.start()
  }

  /// Stops intake, writes what is queued, and closes the store once the HTTP loops have ended.
  public func shutdown() {
    listener.stop()
    server.shutdown(gracePeriod: .seconds(2))
    server.waitUntilStopped()
    writer.stop()
    store.close()
  }
}

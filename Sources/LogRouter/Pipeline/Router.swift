import Glibc
import Synchronization
import Wire

/// A FireLens-style log router: inputs → parser → FireLens keys → filters → buffer → outputs,
/// with no silent loss (see ``Pipeline``, ``OutputQueue``, ``OutputWorker``).
///
/// ```swift
/// let router = try Router(config: RouterConfig.load(path: "router.conf"), metadata: metadata)
/// router.run()   // until every stream input ends (then drains) or `stop()`
/// ```
public final class Router: Sendable {
  public let config: RouterConfig
  public let metrics: RouterMetrics
  private let control = RouterControl()
  private let storage: ChunkStorage?
  private let queues: [OutputQueue]
  private let workers: [OutputWorker]
  private let streams: [StreamInput]
  private let tcpInputs: [TCPInput]
  private let servers: [HTTPServer]
  private let monitor: HTTPServer?
  private let started = Atomic<Bool>(false)

  /// Opens everything the configuration names (files, sockets, the filesystem buffer) and
  /// queues the chunks a previous run left there; nothing runs until ``run()``.
  public init(config: RouterConfig, metadata: FireLensMetadata) throws(RouterError) {
    self.config = config
    let service = config.service
    metrics = RouterMetrics(
      inputs: config.inputs.map(\.name), filters: config.filters.map(\.name),
      outputs: config.outputs.map(\.name))
    let outputNames = config.outputs.map(\.name)
    if let path = service.storagePath {
      do {
        storage = try ChunkStorage(root: path, outputs: outputNames)
      } catch {
        throw RouterError("storage.path: \(error)")
      }
    } else {
      storage = nil
    }
    let storage = storage
    let budget = BufferBudget(limit: service.memoryLimit)
    let queues = config.outputs.map { output in
      OutputQueue(
        name: output.name, chunkSize: min(service.chunkSize, max(4096, service.memoryLimit / 4)),
        flush: service.flush, storage: storage, budget: budget)
    }
    self.queues = queues
    var workers: [OutputWorker] = []
    for (index, output) in config.outputs.enumerated() {
      workers.append(
        OutputWorker(
          queue: queues[index], plugin: try Self.plugin(output), counters: metrics.outputs[index],
          retry: RetryPolicy(
            base: service.schedulerBase, cap: service.schedulerCap, limit: output.retryLimit),
          control: control, keepsChunksOnDisk: storage != nil))
    }
    self.workers = workers
    let pipeline = Pipeline(
      filters: config.filters, filterCounters: metrics.filters,
      routes: zip(config.outputs, queues).map { ($0.matcher, $1) }, budget: budget)
    var streams: [StreamInput] = []
    var tcpInputs: [TCPInput] = []
    var servers: [HTTPServer] = []
    do {
      for (index, input) in config.inputs.enumerated() {
        let builder = RecordBuilder(input: input, metadata: metadata)
        let counters = metrics.inputs[index]
        switch input.kind {
        case .stream(let descriptor):
          guard fcntl(descriptor, F_GETFD) >= 0 else {
            throw RouterError("\(input.name): descriptor \(descriptor) is not open")
          }
          streams.append(
            StreamInput(
              name: input.name, descriptor: descriptor, builder: builder, pipeline: pipeline,
              counters: counters, control: control, storage: storage))
        case .tcp(let address):
          tcpInputs.append(
            try TCPInput(
              name: input.name, address: address, builder: builder, pipeline: pipeline,
              counters: counters, control: control))
        case .http(let address):
          var configuration = HTTPServer.Configuration(address: address, loops: 1)
          configuration.metricsPath = nil
          servers.append(
            try HTTPServer(
              configuration: configuration,
              router: Wire.Router([
                HTTPInput.route(builder: builder, pipeline: pipeline, counters: counters)
              ])))
        }
      }
      if service.httpServer {
        guard let address = SocketAddress(host: service.httpListen, port: service.httpPort) else {
          throw RouterError("HTTP_Listen '\(service.httpListen)' is not an IP address")
        }
        var configuration = HTTPServer.Configuration(address: address, loops: 1)
        configuration.metricsPath = nil
        monitor = try HTTPServer(
          configuration: configuration, router: Wire.Router(MonitoringRoutes.routes(metrics)))
      } else {
        monitor = nil
      }
    } catch let error as RouterError {
      throw error
    } catch {
      throw RouterError("cannot listen: \(error)")
    }
    self.streams = streams
    self.tcpInputs = tcpInputs
    self.servers = servers
  }

  private static func plugin(_ output: OutputConfig) throws(RouterError) -> any OutputPlugin {
    switch output.kind {
    case .stdout:
      return DescriptorOutput()
    case .file(let path):
      do {
        return try DescriptorOutput(path: path)
      } catch {
        throw RouterError("\(output.name): \(error)")
      }
    case .http(let address, let uri, let jsonArray):
      return HTTPOutput(address: address, uri: uri, jsonArray: jsonArray)
    case .logStore(let path, let maxRows, let maxAge):
      do {
        return LogStoreOutput(
          store: try LogStore(
            path: path, retention: LogStore.Retention(maxRows: maxRows, maxAge: maxAge)))
      } catch {
        throw RouterError("\(output.name): \(error)")
      }
    }
  }

  /// Where the monitoring server listens (with the real port when 0 was configured).
  public var monitoringAddress: SocketAddress? { monitor?.address }

  /// Where the network input called `name` listens.
  public func inputAddress(_ name: String) -> SocketAddress? {
    if let tcp = tcpInputs.first(where: { $0.name == name }) { return tcp.address }
    let httpNames = config.inputs.filter { if case .http = $0.kind { true } else { false } }.map(
      \.name)
    return httpNames.firstIndex(of: name).map { servers[$0].address }
  }

  /// Runs until every input has ended and everything is delivered, or until ``stop()`` and
  /// the stop has finished (chunks kept on disk, or the grace period over).
  /// Stream inputs end at end of file; network inputs only at a stop.
  public func run() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    for queue in queues {
      let restored = queue.restore()
      if restored.chunks > 0 {
        logToStandardError(
          "logrouter: \(queue.name): replaying \(restored.records) records in \(restored.chunks) chunks from storage.path"
        )
      }
    }
    let workerThreads = workers.map { worker in
      LoopThread(name: "out-\(worker.queue.name)") { worker.run() }
    }
    monitor?.start()
    for server in servers { server.start() }
    let streamThreads = streams.map { input in
      LoopThread(name: "in-\(input.name)") { input.run() }
    }
    let tcpThreads = tcpInputs.map { input in
      LoopThread(name: "in-\(input.name)") { input.run() }
    }
    for thread in streamThreads { thread.join() }
    if tcpInputs.isEmpty && servers.isEmpty {
      control.drain()
    } else {
      while !control.isStopping { usleep(50_000) }
    }
    for server in servers {
      server.shutdown(gracePeriod: .seconds(2))
      server.waitUntilStopped()
    }
    for thread in tcpThreads { thread.join() }
    control.endInputs()
    if storage != nil, control.isStopping {
      for queue in queues { queue.sealOpen() }
    }
    for thread in workerThreads { thread.join() }
    monitor?.shutdown(gracePeriod: .milliseconds(200))
    monitor?.waitUntilStopped()
  }

  /// Asks a running router to stop: inputs stop reading; with `storage.path` what is buffered
  /// stays on disk for the next start, otherwise outputs get `Grace` seconds to deliver it.
  public func stop() {
    control.stop(grace: .milliseconds(Int64(config.service.grace * 1000)))
  }
}

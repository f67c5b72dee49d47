import Glibc
import Mesh
import Wire

/// `sidecarlab proxy`: the sidecar proxy. Two ways to run it:
/// - quick mode, `--listen HOST:PORT --upstream HOST:PORT`: every request to one upstream;
/// - mesh mode, `--config FILE.json --node NAME [--listen HOST:PORT] [--egress HOST:PORT]
///   [--app HOST:PORT] [--resolve 'NAME=ADDR[,ADDR…];NAME=…']`: the virtual node's sidecar,
///   ingress on its listener port (or `--listen`) to its own app (`--app`, else the node's
///   discovery hosts), and egress on `--egress` where the app calls its backends by virtual
///   service name. `--resolve` is the sidecar's name table for DNS hostnames in
///   `serviceDiscovery` (``HostDiscovery``).
///
/// Both take `[--threads N] [--admin HOST:PORT] [--access-log stdout|off] [--tracer HOST:PORT]
/// [--statsd HOST:PORT [--statsd-flush-ms N] [--statsd-tags k:v,…]]`: an X-Ray segment per hop
/// goes to the trace daemon, stats to a StatsD agent every N ms (default 1000) with DogStatsD
/// tags (in mesh mode `appmesh.mesh` and `appmesh.virtual_node` first, as App Mesh's Envoy adds
/// them). The admin listener also takes network toxics (``ToxicRegistry``). Prints
/// `listening on HOST:PORT` (and `egress on`, `admin on`) to stderr once bound; SIGTERM or
/// SIGINT stops it.
enum ProxyCommand {
  static let knownOptions: Set<String> = [
    "listen", "upstream", "threads", "access-log", "admin", "config", "node", "egress",
    "tracer", "statsd", "statsd-flush-ms", "statsd-tags", "app", "resolve",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: knownOptions)
      let (document, node) = try mesh(options)
      let discovery = try discovery(options)
      let table = try RouteTable(document: document, node: node, discovery: discovery)
      let tags = try statsDTags(options, mesh: options["config"] == nil ? nil : table)
      var proxies: [ProxyServer] = []
      let stats = ProxyStats(shardCount: try threads(options) * 2)
      let readiness = ProxyReadiness(
        loops: try threads(options) * (options["egress"] == nil ? 1 : 2))
      let listen =
        try options["listen"].map { _ in try address(options, "listen") }
        ?? SocketAddress(host: "127.0.0.1", port: UInt16(table.listenerPort ?? 0))!
      var ingress = ProxyServer.Configuration(listen: listen, routes: table, direction: .ingress)
      try configure(&ingress, options, stats: stats, readiness: readiness, node: node)
      proxies.append(try ProxyServer(configuration: ingress))
      logToStandardError("listening on \(proxies[0].address)")
      if options["egress"] != nil {
        var egress = ProxyServer.Configuration(
          listen: try address(options, "egress"), routes: table, direction: .egress)
        try configure(&egress, options, stats: stats, readiness: readiness, node: node)
        proxies.append(try ProxyServer(configuration: egress))
        logToStandardError("egress on \(proxies[1].address)")
      }
      let reloader = ConfigReloader(
        document: document, node: node, discovery: discovery, proxies: proxies)
      let toxics = ToxicRegistry(proxies: proxies)
      var admin: AdminServer?
      if options["admin"] != nil {
        admin = try AdminServer(
          address: try address(options, "admin"), stats: stats,
          configDump: { reloader.configDump() }, readiness: readiness,
          extraRoutes: [reloader.route] + toxics.routes)
        logToStandardError("admin on \(admin!.address)")
      }
      var reporter: StatsDReporter?
      if options["statsd"] != nil {
        var interval = 1000
        if let text = options["statsd-flush-ms"] {
          guard let value = Int(text), (10...3_600_000).contains(value) else {
            throw UsageError("--statsd-flush-ms wants 10–3600000")
          }
          interval = value
        }
        reporter = try StatsDReporter(
          address: try address(options, "statsd"), stats: stats,
          flushInterval: .milliseconds(interval), tags: tags)
      }
      let running = proxies
      for proxy in running { proxy.start() }
      let signals = TerminationSignals { _ in for proxy in running { proxy.stop() } }
      for proxy in proxies { proxy.waitUntilStopped() }
      admin?.stop()
      reporter?.stop()
      signals.cancel()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab proxy: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab proxy: \(error)")
      return 1
    }
  }

  /// The document and node: from `--config`/`--node`, or quick mode's one-node mesh.
  private static func mesh(_ options: Options) throws -> (MeshDocument, String) {
    if let path = options["config"] {
      guard let node = options["node"] else { throw UsageError("--config needs --node NAME") }
      guard options["upstream"] == nil else {
        throw UsageError("--upstream is for quick mode; the config names the upstreams")
      }
      return (try MeshDocument(json: try readFile(path)), node)
    }
    let listen = try address(options, "listen")
    return (
      MeshDocument.quick(listen: listen, upstream: try address(options, "upstream")),
      MeshDocument.quickName
    )
  }

  /// `--app` and `--resolve`, which only a mesh document's node can use.
  private static func discovery(_ options: Options) throws(UsageError) -> HostDiscovery {
    guard options["config"] != nil else {
      for name in ["app", "resolve"] where options[name] != nil {
        throw UsageError("--\(name) is for mesh mode (--config); quick mode has --upstream")
      }
      return HostDiscovery()
    }
    let app = try options["app"].map { _ throws(UsageError) in try address(options, "app") }
    guard let text = options["resolve"] else { return HostDiscovery(app: app) }
    do {
      return HostDiscovery(app: app, names: try HostDiscovery.names(resolving: text))
    } catch {
      throw UsageError("--resolve wants 'NAME=HOST:PORT[,HOST:PORT…];NAME=…': \(error)")
    }
  }

  /// The DogStatsD tags: App Mesh's two for a mesh node's sidecar, then `--statsd-tags`.
  private static func statsDTags(_ options: Options, mesh table: RouteTable?) throws(UsageError)
    -> StatsDTags
  {
    do {
      let extra = try options["statsd-tags"].map(StatsDTags.init(parsing:)) ?? .none
      guard let table else { return extra }
      return try .appMesh(mesh: table.meshName, node: table.nodeName, extra: extra)
    } catch {
      throw UsageError("--statsd-tags wants key:value,…: \(error)")
    }
  }

  private static func threads(_ options: Options) throws(UsageError) -> Int {
    guard let text = options["threads"] else { return 1 }
    guard let threads = Int(text), (1...64).contains(threads) else {
      throw UsageError("--threads wants 1–64")
    }
    return threads
  }

  private static func configure(
    _ configuration: inout ProxyServer.Configuration, _ options: Options, stats: ProxyStats,
    readiness: ProxyReadiness, node: String
  ) throws(UsageError) {
    configuration.threads = try threads(options)
    configuration.stats = stats
    configuration.readiness = readiness
    // App Mesh's Envoy names its X-Ray segments `<mesh>/<virtual node>` (so a sidecar and its
    // app are two nodes of the service map); quick mode's one node keeps its plain name.
    let mesh = configuration.routes.meshName
    configuration.serviceName = mesh == MeshDocument.quickName ? node : "\(mesh)/\(node)"
    if let daemon = options["tracer"] {
      guard configuration.sendSegments(to: daemon) else {
        throw UsageError("--tracer wants HOST:PORT of a trace daemon, got '\(daemon)'")
      }
    }
    // Without the option, the node's own logging setting decides (App Mesh writes the access
    // log to a file path; standard output is what the sandbox collects).
    let nodeLogs = configuration.routes.accessLog.map { $0.path == "/dev/stdout" } ?? false
    switch options["access-log"] ?? (nodeLogs ? "stdout" : "off") {
    case "off": break
    case "stdout": configuration.accessLog = { text in writeToStandardOutput(text) }
    case let other: throw UsageError("--access-log wants stdout or off, got '\(other)'")
    }
  }

  private static func address(_ options: Options, _ name: String) throws(UsageError)
    -> SocketAddress
  {
    guard let text = options[name] else { throw UsageError("--\(name) HOST:PORT is required") }
    guard let address = SocketAddress(text) else {
      throw UsageError("--\(name) wants HOST:PORT with a numeric host, got '\(text)'")
    }
    return address
  }

  /// The whole file, at most the largest document allowed.
  private static func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else { throw UsageError("cannot open \(path)") }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = fread(&chunk, 1, chunk.count, file)
      if count == 0 { break }
      bytes += chunk[..<count]
      guard bytes.count <= MeshDocument.maximumSize else {
        throw UsageError("\(path) is larger than \(MeshDocument.maximumSize) bytes")
      }
    }
    return bytes
  }
}

/// Writes text to standard output with as few `write` calls as it takes.
private func writeToStandardOutput(_ text: String) {
  var text = text
  text.withUTF8 { bytes in
    var offset = 0
    while offset < bytes.count {
      let written = write(1, bytes.baseAddress! + offset, bytes.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return
      }
      offset += written
    }
  }
}

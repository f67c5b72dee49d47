import Wire

extension RouterConfig {
  /// The router of a sandbox when no `--config` is given, as FireLens generates Fluent Bit's
  /// for an ECS task: one `stdin` input per stream the agent hands over, a `logstore` output
  /// taking every tag (`Match *`, retried without limit: the store is local) and, with
  /// `monitoring`, Fluent Bit's HTTP server (`/api/v1/health`, `/api/v1/metrics`).
  /// `storagePath` keeps undelivered chunks on disk across a restart of the router.
  public static func sandbox(
    streams: [SandboxLogStream], taskID: String, dataPath: String, storagePath: String?,
    monitoring: SocketAddress?
  ) throws(ConfigError) -> RouterConfig {
    var config = RouterConfig()
    config.service.storagePath = storagePath
    if let monitoring {
      config.service.httpServer = true
      config.service.httpListen = monitoring.host
      config.service.httpPort = monitoring.port
    }
    config.outputs = [
      OutputConfig(
        name: "logstore.0", matcher: .wildcard("*"),
        kind: .logStore(path: dataPath, maxRows: 100_000, maxAge: nil), retryLimit: nil)
    ]
    try config.addInputs(for: streams, taskID: taskID)
    return config
  }

  /// Adds one `stdin` input per stream: instance name `<container>.<source>`, the
  /// stream's container, source and parser, and the tag FireLens gives a container's logs,
  /// `<container>-firelens-<task id>`.
  public mutating func addInputs(for streams: [SandboxLogStream], taskID: String)
    throws(ConfigError)
  {
    var names = Set(inputs.map(\.name) + filters.map(\.name) + outputs.map(\.name))
    for stream in streams {
      let name = "\(stream.container).\(stream.source)"
      guard names.insert(name).inserted else {
        throw ConfigError(
          file: SandboxLogStream.variable, line: 0,
          "input '\(name)' is already defined by the configuration")
      }
      inputs.append(
        InputConfig(
          name: name, kind: .stream(descriptor: stream.descriptor),
          tag: "\(stream.container)-firelens-\(taskID)",
          parser: stream.parser.flatMap { SandboxLogStream.parsers[$0] }, preserveKey: true,
          source: stream.source, containerName: stream.container, maxLineLength: 1024 * 1024))
    }
  }
}

import Glibc
import LogRouter
import Wire

/// `sidecarlab logrouter [--config FILE] [--data FILE] [--storage DIR] [--http HOST:PORT]
/// [--cluster NAME] [--task ID] [--task-definition FAMILY:REV] [--container NAME]
/// [--container-id ID]`: one sandbox's log router (FireLens-style).
///
/// The streams the sandbox agent hands over (`SIDECARLAB_LOG_STREAMS`, see
/// ``SandboxLogStream``) become `stdin` inputs. Without `--config` (sandbox mode) the rest of
/// the configuration is built in code (``RouterConfig/sandbox(streams:taskID:dataPath:storagePath:monitoring:)``):
/// a `logstore` output to `--data` (default `logs.sqlite`), a filesystem buffer in `--storage`
/// (default `buffer`) and, with `--http`, the monitoring server. With `--config` the streams
/// are added to the file's inputs.
/// Values not given come from `ECS_CLUSTER`, `ECS_TASK_ID`, `ECS_TASK_DEFINITION`,
/// `CONTAINER_NAME`, `CONTAINER_ID`.
/// Prints `monitoring on HOST:PORT` and `<input> on HOST:PORT` to stderr once bound. Runs
/// until its stream inputs end (then delivers what is buffered) or SIGTERM/SIGINT.
enum LogRouterCommand {
  static let knownOptions: Set<String> = [
    "config", "data", "storage", "http", "cluster", "task", "task-definition", "container",
    "container-id",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: knownOptions)
      guard options.positional.isEmpty else {
        throw UsageError("unexpected argument \(options.positional[0])")
      }
      let metadata = metadata(options)
      let config = try configuration(options, taskID: metadata.taskID)
      let router = try Router(config: config, metadata: metadata)
      if let address = router.monitoringAddress { logToStandardError("monitoring on \(address)") }
      for input in config.inputs {
        if let address = router.inputAddress(input.name) {
          logToStandardError("\(input.name) on \(address)")
        }
      }
      let signals = TerminationSignals { _ in router.stop() }
      router.run()
      signals.cancel()
      return 0
    } catch let error as UsageError {
      logToStandardError("sidecarlab logrouter: \(error)")
      return 2
    } catch {
      logToStandardError("sidecarlab logrouter: \(error)")
      return 1
    }
  }

  /// The file's configuration plus the handed-over streams, or the sandbox default.
  static func configuration(_ options: Options, taskID: String) throws -> RouterConfig {
    let streams = try SandboxLogStream.parseList(
      getenv(SandboxLogStream.variable).map { String(cString: $0) } ?? "")
    if let path = options["config"] {
      for option in ["data", "storage", "http"] where options[option] != nil {
        throw UsageError("--\(option) applies only without --config")
      }
      var config = try RouterConfig.load(path: path)
      try config.addInputs(for: streams, taskID: taskID)
      return config
    }
    guard !streams.isEmpty else {
      throw UsageError(
        "--config FILE is required outside a sandbox (\(SandboxLogStream.variable) is not set)")
    }
    var monitoring: SocketAddress?
    if let text = options["http"] {
      guard let address = SocketAddress(text) else {
        throw UsageError("--http must be a numeric HOST:PORT, got '\(text)'")
      }
      monitoring = address
    }
    return try RouterConfig.sandbox(
      streams: streams, taskID: taskID, dataPath: options["data"] ?? "logs.sqlite",
      storagePath: options["storage"] ?? "buffer", monitoring: monitoring)
  }

  static func metadata(_ options: Options) -> FireLensMetadata {
    func value(_ option: String, _ variable: String, _ fallback: String) -> String {
      options[option] ?? getenv(variable).map { String(cString: $0) } ?? fallback
    }
    return FireLensMetadata(
      cluster: value("cluster", "ECS_CLUSTER", "sidecarlab"),
      taskID: value("task", "ECS_TASK_ID", "local"),
      taskDefinition: value("task-definition", "ECS_TASK_DEFINITION", "sidecarlab:1"),
      containerName: value("container", "CONTAINER_NAME", "app"),
      containerID: options["container-id"] ?? getenv("CONTAINER_ID").map { String(cString: $0) })
  }
}

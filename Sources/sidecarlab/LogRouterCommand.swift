import Glibc
import LogRouter
import Wire

/// `sidecarlab logrouter --config FILE [--cluster NAME] [--task ID] [--task-definition FAMILY:REV]
/// [--container NAME] [--container-id ID]`: one sandbox's log router (FireLens-style).
/// Values not given come from `ECS_CLUSTER`, `ECS_TASK_ID`, `ECS_TASK_DEFINITION`,
/// `CONTAINER_NAME`, `CONTAINER_ID`.
/// Prints `monitoring on HOST:PORT` and `<input> on HOST:PORT` to stderr once bound. Runs
/// until its stream inputs end (then delivers what is buffered) or SIGTERM/SIGINT.
enum LogRouterCommand {
  static let knownOptions: Set<String> = [
    "config", "cluster", "task", "task-definition", "container", "container-id",
  ]

  static func run(_ arguments: [String]) -> Int32 {
    do {
      let options = try Options(arguments, known: knownOptions)
      guard options.positional.isEmpty else {
        throw UsageError("unexpected argument \(options.positional[0])")
      }
      guard let path = options["config"] else { throw UsageError("--config FILE is required") }
      let config = try RouterConfig.load(path: path)
      let router = try Router(config: config, metadata: metadata(options))
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

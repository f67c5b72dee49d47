import Dispatch
import Wire

/// One started sandbox: its processes in start order, its ports, user id and folder, and
/// whoever waits for it to stop. Lives inside the agent's state mutex.
final class SandboxRuntime {
  let id: String
  let definition: TaskDefinition
  let directory: String
  let processes: [SupervisedProcess]
  let ports: [UInt16]
  let userID: UInt32?
  /// The pipes carrying `awsfirelens` containers' output to the log router.
  let routes: [RoutePipe]
  /// Where CPU and memory samples go as StatsD gauges (the resolved `metricsAddress`).
  let metricsAddress: SocketAddress?
  var lastTouch: UInt64
  /// How long the sandbox may go untouched before it stops; `nil`: never.
  var idleTimeoutMillis: UInt64?
  var stopping = false
  var stopped = false
  var waiters: [DispatchSemaphore] = []

  init(
    id: String, definition: TaskDefinition, directory: String, processes: [SupervisedProcess],
    ports: [UInt16], userID: UInt32?, routes: [RoutePipe], metricsAddress: SocketAddress?,
    idleTimeoutMillis: UInt64?, now: UInt64
  ) {
    self.id = id
    self.definition = definition
    self.directory = directory
    self.processes = processes
    self.ports = ports
    self.userID = userID
    self.routes = routes
    self.metricsAddress = metricsAddress
    self.idleTimeoutMillis = idleTimeoutMillis
    lastTouch = now
  }

  /// The log router, when the task routes any container's output to it.
  var router: SupervisedProcess? {
    routes.isEmpty ? nil : processes.first { $0.definition.firelensConfiguration != nil }
  }

  func process(named name: String) -> SupervisedProcess? {
    processes.first { $0.definition.name == name }
  }

  /// Whether every container `process` depends on (the log router included, see
  /// ``TaskDefinition/dependencies(of:)``) is up (healthy, or running without a check).
  func dependenciesReady(of process: SupervisedProcess) -> Bool {
    definition.dependencies(of: process.definition).allSatisfy { name in
      guard let dependency = self.process(named: name) else { return true }
      return dependency.lifecycle.state == .healthy || dependency.lifecycle.state == .running
    }
  }
}

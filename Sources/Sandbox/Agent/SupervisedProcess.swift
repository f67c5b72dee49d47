/// The agent's record of one container of a sandbox across its restarts. It lives inside the
/// agent's state mutex and is only touched under it (so it need not be `Sendable`).
final class SupervisedProcess {
  let definition: ContainerDefinition
  /// The target's argv and environment with every placeholder resolved.
  let arguments: [String]
  let environment: [String]
  let directory: String
  let ports: [String: UInt16]
  var lifecycle: ProcessLifecycle
  /// The live process (also its process group id), 0 when none.
  var pid: Int32 = 0
  var pidDescriptor: Int32 = -1
  /// The epoll token of `pidDescriptor`.
  var exitToken: UInt64 = 0
  var startTicks: UInt64 = 0
  /// Increases with each spawn, so late health results of an earlier run are ignored.
  var serial: UInt64 = 0
  var readers: [PipeReader] = []
  /// The route pipes this container's streams are forwarded to (`awsfirelens`).
  var routes: [LogLine.Stream: RoutePipe] = [:]
  /// Descriptors the process inherits as 3, 4, 5, …: the route pipes' read ends, for the
  /// log router.
  var inheritedDescriptors: [Int32] = []
  /// When the next start is due (monotonic ms); `nil` when none is pending.
  var startAt: UInt64?
  var everStarted = false
  /// When to follow an agent-sent SIGTERM with SIGKILL.
  var killAt: UInt64?
  /// Why the agent signalled the process, for the exit reason.
  var cause: String?
  var lastExit: ExitRecord?
  /// The last few stderr lines, for the exit reason.
  var stderrTail: [String] = []
  /// The latest stderr line of this run that says an allocation failed: kept apart from the
  /// tail, which a crash report after it (a runtime backtrace) would push out.
  var allocationFailure: String?
  var samples: [ResourceSample] = []
  var lastCPU: (ticks: UInt64, atMillis: UInt64)?
  var nextHealthAt: UInt64 = 0
  var healthInFlight = false
  /// `SIDECARLAB_CONTROL_TOKEN` of the current run: guards the demo app's control endpoint.
  var controlToken = ""

  static let maxSamples = 300
  static let stderrTailLines = 8

  init(
    definition: ContainerDefinition, arguments: [String], environment: [String], directory: String,
    ports: [String: UInt16]
  ) {
    self.definition = definition
    self.arguments = arguments
    self.environment = environment
    self.directory = directory
    self.ports = ports
    lifecycle = ProcessLifecycle(policy: definition.restartPolicy, check: definition.healthCheck)
  }

  var isAlive: Bool { pid != 0 }

  func rememberError(_ line: String) {
    if ExitRecord.allocationFailures.contains(where: { line.contains($0) }) {
      allocationFailure = String(line.prefix(512))
    }
    stderrTail.append(String(line.prefix(512)))
    if stderrTail.count > Self.stderrTailLines { stderrTail.removeFirst() }
  }
}

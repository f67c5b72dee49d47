import Foundation
import Glibc
import LogRouter
import Sandbox
import Testing
import Wire

/// A sandbox agent on a fresh root whose task has a log router in sandbox mode
/// (`sidecarlab logrouter --data logs.sqlite --http …`, `firelensConfiguration`) and
/// `awsfirelens` producers; reads what reached the router's `logs.sqlite` through ``LogStore``.
struct SandboxStreamsFixture: Sendable {
  let root: String
  let agent: SandboxAgent
  let sink: RingLogSink
  let sandboxID: String

  static func make(sandboxID: String) throws -> SandboxStreamsFixture {
    let binary = try #require(ChildProcess.binary(), "build sidecarlab or set SIDECARLAB_BIN")
    var template = Array("/tmp/sandbox-streams-XXXXXX".utf8CString)
    let root = String(cString: mkdtemp(&template)!)
    chmod(root, 0o755)
    var configuration = SandboxAgent.Configuration(root: root, executable: binary)
    // Every process here ends at SIGTERM at once; the grace is the log router's time to store
    // what is left in its pipes at a stop, which a loaded machine (tests run in parallel)
    // can stretch past a few seconds.
    configuration.stopGraceMillis = 8000
    configuration.sampleIntervalMillis = 500
    let sink = RingLogSink()
    configuration.logSink = sink
    return SandboxStreamsFixture(
      root: root, agent: try SandboxAgent(configuration: configuration), sink: sink,
      sandboxID: sandboxID)
  }

  /// The log router in sandbox mode, healthy once its monitoring server answers.
  static func router(restart: RestartPolicy = RestartPolicy(mode: .onFailure))
    -> ContainerDefinition
  {
    ContainerDefinition(
      name: "logrouter", role: "logrouter",
      command: ["{bin}", "logrouter", "--data", "logs.sqlite", "--http", "127.0.0.1:{port:http}"],
      ports: ["http"],
      healthCheck: HealthCheckDefinition(
        path: "/api/v1/health", port: "http", intervalMillis: 200, timeoutMillis: 500,
        healthyThreshold: 1, unhealthyThreshold: 3, startPeriodMillis: 10_000),
      restartPolicy: restart, firelensConfiguration: FireLensConfiguration(type: "fluentbit"))
  }

  /// A `/bin/sh -c` producer whose output goes to the router.
  static func producer(_ name: String, _ script: String, parser: String? = nil)
    -> ContainerDefinition
  {
    ContainerDefinition(
      name: name, command: ["/bin/sh", "-c", script],
      restartPolicy: RestartPolicy(mode: .never),
      logConfiguration: LogConfiguration(
        logDriver: "awsfirelens", options: parser.map { ["Parser": $0] } ?? [:]))
  }

  func start(_ containers: ContainerDefinition...) throws {
    try agent.start(
      sandboxID: sandboxID,
      definition: TaskDefinition(family: "streams", revision: 1, containers: containers))
  }

  /// The working folder of a container.
  func folder(_ container: String) -> String { "\(root)/\(sandboxID)/\(container)" }

  func status(_ container: String) -> ProcessStatus? {
    agent.status(sandboxID: sandboxID, logLines: 0)?.process(container)
  }

  /// The router's store, once the router has created it.
  func store() -> LogStore? {
    let path = "\(folder("logrouter"))/logs.sqlite"
    guard access(path, F_OK) == 0 else { return nil }
    return try? LogStore(path: path)
  }

  /// Every stored message of one container's stream, oldest first (all pages).
  static func messages(_ store: LogStore, container: String, source: String) throws -> [StoredLog] {
    var found: [StoredLog] = []
    var next: String?
    repeat {
      let page = try store.query(
        container: container, source: source, limit: LogStore.maxPageSize, next: next)
      found += page.records
      next = page.next
    } while next != nil
    return found.reversed()
  }

  /// Stops the sandbox and waits for it, on a thread of its own (the stop blocks).
  func stop() async throws {
    let error = await onOwnThread { [self] () -> SandboxError? in
      do throws(SandboxError) {
        try agent.stop(sandboxID: sandboxID)
        return nil
      } catch {
        return error
      }
    }
    if let error { throw error }
  }

  /// Shuts the agent down (stopping every process) on a thread of its own, then removes the
  /// root.
  func tearDown() async {
    await onOwnThread { [self] in
      agent.shutdown()
      try? FileManager.default.removeItem(atPath: root)
    }
  }

  /// Runs blocking work on a new thread, so the cooperative pool never waits on it.
  private func onOwnThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async
    -> Result
  {
    await withCheckedContinuation { (done: CheckedContinuation<Result, Never>) in
      Thread { done.resume(returning: body()) }.start()
    }
  }
}

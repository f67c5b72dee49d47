import CLinux
import Foundation
import Synchronization
import Wire

/// The sandbox agent: starts the processes of a task definition, supervises them from one
/// thread (epoll over every pidfd and output pipe, a timerfd for health checks, sampling,
/// back-offs and grace periods), restarts them per policy, and stops them.
///
/// ```swift
/// let agent = try SandboxAgent(configuration: .init(root: "/var/lib/sidecarlab/sandboxes"))
/// try agent.start(sandboxID: "learner-42")          // the built-in demo task
/// _ = agent.waitUntil(sandboxID: "learner-42", timeoutMillis: 10_000) { $0.allHealthy }
/// try agent.stop(sandboxID: "learner-42")
/// agent.shutdown()
/// ```
/// Call ``shutdown()`` when done: the agent's thread keeps it alive until then.
public final class SandboxAgent: Sendable {
  public let configuration: Configuration
  let state: Mutex<AgentState>
  let epollDescriptor: Int32
  let wakeDescriptor: Int32
  let timerDescriptor: Int32
  /// The one UDP socket (IPv4, non-blocking) resource samples leave from.
  let metricsDescriptor: Int32
  let prober: HealthProber
  private let loopEnded = DispatchSemaphore(value: 0)

  static let wakeToken: UInt64 = 0
  static let timerToken: UInt64 = 1

  /// Creates the root folder, ends the orphans a crashed predecessor left (see
  /// ``orphansKilled``), and starts the agent's thread.
  public init(configuration: Configuration) throws(SandboxError) {
    self.configuration = configuration
    do {
      try FileManager.default.createDirectory(
        atPath: configuration.root, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o755])
    } catch {
      throw .system("cannot create \(configuration.root): \(error)")
    }
    orphansKilled = PidRecord.killOrphans(under: configuration.root).count
    accessProblem =
      configuration.userIDs == nil
      ? nil : SandboxReach.problem(root: configuration.root, executable: configuration.executable)
    do {
      let epoll = try systemCall("epoll_create1") { clinux_epoll_create() }
      let wake = try systemCall("eventfd") { clinux_eventfd() }
      let timer = try systemCall("timerfd_create") { clinux_timerfd() }
      let metrics = try systemCall("socket") { clinux_socket_udp(AF_INET) }
      try systemCall("epoll_ctl") {
        clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_ADD, wake, CLINUX_EPOLLIN, Self.wakeToken)
      }
      try systemCall("epoll_ctl") {
        clinux_epoll_ctl(epoll, CLINUX_EPOLL_CTL_ADD, timer, CLINUX_EPOLLIN, Self.timerToken)
      }
      (epollDescriptor, wakeDescriptor, timerDescriptor, metricsDescriptor) = (
        epoll, wake, timer, metrics
      )
    } catch {
      throw .system("\(error)")
    }
    state = Mutex(AgentState())
    prober = HealthProber(workers: configuration.healthWorkers)
    let thread = Thread { [self] in
      _ = clinux_set_thread_name("sandbox-agent")
      runLoop()
      loopEnded.signal()
    }
    thread.name = "sandbox-agent"
    thread.start()
  }

  /// How many orphaned process groups this agent ended at start.
  public let orphansKilled: Int
  /// Why sandbox processes (running as their own users) could not reach the sandbox root or
  /// the executable, found at start; while set, ``start(sandboxID:definition:)`` refuses with it.
  public let accessProblem: String?

  /// Starts a sandbox of `definition` (the demo task by default) and returns at once; the
  /// processes start in `dependsOn` order on the agent's thread (they must: the launcher's
  /// parent-death signal follows the thread that spawned it). Starting a running sandbox
  /// starts again those of its processes that are stopped or in `crash-loop` (keeping the
  /// definition it was started with); starting one
  /// that is stopping waits for the stop first.
  public func start(sandboxID: String, definition: TaskDefinition = .demo) throws(SandboxError) {
    if let accessProblem { throw .unreachable(accessProblem) }
    try Self.check(sandboxID: sandboxID)
    do { try definition.validate() } catch { throw .invalidDefinition(error) }
    let waiter = DispatchSemaphore(value: 0)
    let mustWait = try state.withLock { state throws(SandboxError) -> Bool in
      guard let runtime = state.sandboxes[sandboxID], runtime.stopping, !runtime.stopped else {
        return false
      }
      runtime.waiters.append(waiter)
      return true
    }
    if mustWait {
      _ = waiter.wait(timeout: .now() + .milliseconds(Int(configuration.stopGraceMillis) + 5000))
    }
    try state.withLock { state throws(SandboxError) in
      let now = AgentClock.monotonicMillis()
      if let runtime = state.sandboxes[sandboxID], !runtime.stopping {
        runtime.lastTouch = now
        for process in runtime.processes where !process.isAlive && process.startAt == nil {
          process.lifecycle = ProcessLifecycle(
            policy: process.definition.restartPolicy, check: process.definition.healthCheck)
          process.startAt = now
        }
        return
      }
      state.sandboxes[sandboxID] = try makeRuntime(
        sandboxID: sandboxID, definition: definition, now: now, state: &state)
    }
    wake()
  }

  /// Stops a sandbox: SIGTERM to each process group (and SIGCONT, so a frozen one can act on
  /// it), SIGKILL after the grace period; returns once every process has exited.
  public func stop(sandboxID: String) throws(SandboxError) {
    let waiter = DispatchSemaphore(value: 0)
    let mustWait = try state.withLock { state throws(SandboxError) -> Bool in
      guard let runtime = state.sandboxes[sandboxID] else { throw .unknownSandbox(sandboxID) }
      beginStop(runtime, now: AgentClock.monotonicMillis(), state: &state)
      guard !runtime.stopped else { return false }
      runtime.waiters.append(waiter)
      return true
    }
    wake()
    if mustWait {
      _ = waiter.wait(timeout: .now() + .milliseconds(Int(configuration.stopGraceMillis) + 5000))
    }
  }

  /// Stops every sandbox (server shutdown) and waits for all of them.
  public func stopAll() {
    let ids = state.withLock { Array($0.sandboxes.keys) }
    for id in ids { try? stop(sandboxID: id) }
  }

  /// Records learner activity: the idle timer of the sandbox starts over.
  public func touch(sandboxID: String) {
    state.withLock { $0.sandboxes[sandboxID]?.lastTouch = AgentClock.monotonicMillis() }
  }

  /// Sets how long this sandbox may go without ``touch(sandboxID:)`` before it stops (`nil`:
  /// never), replacing the configured default until the sandbox is started again; counts as
  /// activity. Nothing happens for an unknown sandbox.
  public func setIdleTimeout(sandboxID: String, millis: UInt64?) {
    state.withLock { state in
      guard let runtime = state.sandboxes[sandboxID] else { return }
      runtime.idleTimeoutMillis = millis
      runtime.lastTouch = AgentClock.monotonicMillis()
    }
    wake()
  }

  /// The sandbox's idle timeout now, `nil` for none or an unknown sandbox.
  public func idleTimeout(sandboxID: String) -> UInt64? {
    state.withLock { $0.sandboxes[sandboxID]?.idleTimeoutMillis }
  }

  /// Stops every sandbox, ends the agent's thread and its health workers, closes its descriptors.
  public func shutdown() {
    stopAll()
    let wasRunning = state.withLock { state in
      defer { state.running = false }
      return state.running
    }
    guard wasRunning else { return }
    wake()
    loopEnded.wait()
    prober.shutdown()
    for descriptor in [epollDescriptor, wakeDescriptor, timerDescriptor, metricsDescriptor] {
      close(descriptor)
    }
  }

  /// Sandbox ids name folders, so they are `[a-z0-9_-]{1,64}`.
  static func check(sandboxID: String) throws(SandboxError) {
    do { try TaskDefinition.check(name: sandboxID, field: "sandboxID", maxLength: 64) } catch {
      throw .invalidSandboxID(sandboxID)
    }
  }

  /// Wakes the agent's loop to look at changed state.
  func wake() {
    var one: UInt64 = 1
    _ = withUnsafeBytes(of: &one) { write(wakeDescriptor, $0.baseAddress, 8) }
  }
}

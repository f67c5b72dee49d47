import Glibc

extension SandboxAgent {
  /// A snapshot of the sandbox, `nil` when the agent never started it.
  public func status(sandboxID: String, logLines: Int = 20) -> SandboxStatus? {
    state.withLock { state in
      guard let runtime = state.sandboxes[sandboxID] else { return nil }
      let processes = runtime.processes.map { process in
        ProcessStatus(
          name: process.definition.name, role: process.definition.role,
          pid: process.isAlive ? process.pid : nil, state: process.lifecycle.state,
          health: process.lifecycle.health, cpuPercent: process.samples.last?.cpuPercent,
          rssBytes: process.samples.last?.rssBytes, restarts: process.lifecycle.restarts,
          lastExit: process.lastExit,
          ports: process.ports,
          recentLogs: configuration.logSink.recent(
            sandboxID: runtime.id, container: process.definition.name, limit: logLines),
          samples: process.samples)
      }
      let phase: SandboxStatus.Phase =
        runtime.stopped ? .stopped : runtime.stopping ? .stopping : .running
      return SandboxStatus(
        id: runtime.id, phase: phase, directory: runtime.directory, processes: processes)
    }
  }

  /// Where and how the agent reaches a live container's control endpoint (the demo app's
  /// `--control {port:control}`): its loopback port named `control` and the per-run
  /// `SIDECARLAB_CONTROL_TOKEN`. Kept out of ``ProcessStatus`` so that status never shows it.
  public func controlEndpoint(sandboxID: String, container: String) -> (
    port: UInt16, token: String
  )? {
    state.withLock { state in
      guard let process = state.sandboxes[sandboxID]?.process(named: container), process.isAlive,
        let port = process.ports["control"]
      else { return nil }
      return (port, process.controlToken)
    }
  }

  /// The ids of every sandbox the agent knows (running or not).
  public var sandboxIDs: [String] { state.withLock { $0.sandboxes.keys.sorted() } }

  /// Polls ``status(sandboxID:logLines:)`` every 20 ms until `condition` holds or the
  /// timeout passes (for start progress and tests); answers whether it held.
  public func waitUntil(
    sandboxID: String, timeoutMillis: UInt64, _ condition: (SandboxStatus) -> Bool
  ) -> Bool {
    let deadline = AgentClock.monotonicMillis() + timeoutMillis
    while true {
      if let status = status(sandboxID: sandboxID, logLines: 0), condition(status) { return true }
      if AgentClock.monotonicMillis() >= deadline { return false }
      usleep(20_000)
    }
  }
}

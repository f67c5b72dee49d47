import Glibc

extension SandboxAgent {
  /// Hands one health check of `process` to the worker pool. Until the first pass within the
  /// start period it checks every 100 ms (so a fast process shows healthy quickly), then
  /// every `intervalMillis`.
  func submitHealthCheck(_ process: SupervisedProcess, in runtime: SandboxRuntime, now: UInt64) {
    guard let check = process.definition.healthCheck, let port = process.ports[check.port] else {
      return
    }
    process.healthInFlight = true
    let eager = process.lifecycle.health == .unknown
    process.nextHealthAt =
      now + UInt64(eager ? min(check.intervalMillis, 100) : check.intervalMillis)
    let (sandboxID, name, serial) = (runtime.id, process.definition.name, process.serial)
    prober.submit { [self] in
      let passed = HealthProbe.check(
        port: port, path: check.path, timeoutMillis: check.timeoutMillis)
      deliverHealth(sandboxID: sandboxID, container: name, serial: serial, passed: passed)
    }
  }

  /// Applies a health check result unless the process has been restarted since; a process
  /// that just turned unhealthy (and is not frozen) is stopped so that it restarts.
  ///
  /// The loop is woken only when it must act sooner than it already plans to: a replacement
  /// (its SIGKILL deadline), or this process's next check falling before the loop's next walk.
  private func deliverHealth(sandboxID: String, container: String, serial: UInt64, passed: Bool) {
    let mustWake = state.withLock { state -> Bool in
      guard let runtime = state.sandboxes[sandboxID],
        let process = runtime.process(named: container),
        process.serial == serial, process.isAlive
      else { return false }
      process.healthInFlight = false
      let now = AgentClock.monotonicMillis()
      if process.lifecycle.recordHealth(passed: passed, at: now) == .replace {
        let failures = process.definition.healthCheck?.unhealthyThreshold ?? 0
        signal(
          process, SIGTERM, cause: "replaced by the agent after \(failures) failed health checks",
          now: now)
        return true
      }
      return process.nextHealthAt < state.nextDue
    }
    if mustWake { wake() }
  }
}

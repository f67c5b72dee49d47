import Glibc

extension SandboxAgent {
  /// Agent fault: stops every process of the container's group with SIGSTOP. Health checks
  /// go on and fail (the kernel still accepts connections, nobody answers), so the process
  /// shows as frozen and unhealthy; a frozen process is not replaced.
  public func freeze(sandboxID: String, container: String) throws(SandboxError) {
    try withLiveProcess(sandboxID, container) { process in
      Glibc.kill(-process.pid, SIGSTOP)
      process.lifecycle.freeze()
    }
  }

  /// Agent fault: resumes a frozen container with SIGCONT.
  public func thaw(sandboxID: String, container: String) throws(SandboxError) {
    try withLiveProcess(sandboxID, container) { process in
      Glibc.kill(-process.pid, SIGCONT)
      process.lifecycle.thaw()
    }
  }

  /// Agent fault: sends one of the allowed signals to the container's process group; the
  /// exit (if any) is restarted per the restart policy like any other.
  public func kill(sandboxID: String, container: String, signal: ProcessSignal) throws(SandboxError)
  {
    try withLiveProcess(sandboxID, container) { process in
      process.cause = "\(signal.rawValue) sent by the agent's kill fault"
      Glibc.kill(-process.pid, signal.number)
    }
  }

  private func withLiveProcess(
    _ sandboxID: String, _ container: String, _ body: (SupervisedProcess) -> Void
  ) throws(SandboxError) {
    try state.withLock { state throws(SandboxError) in
      guard let runtime = state.sandboxes[sandboxID], !runtime.stopped else {
        throw .unknownSandbox(sandboxID)
      }
      guard let process = runtime.process(named: container) else {
        throw .unknownContainer(container)
      }
      guard process.isAlive, !runtime.stopping else { throw .notRunning(container) }
      body(process)
    }
    wake()
  }
}

import CLinux
import Glibc

extension SandboxAgent {
  /// Handles the exit of `process` (its pidfd became readable): kills what is left of its
  /// process group (the leader is still a zombie, so the group id cannot have been reused),
  /// reaps it, reads its last output, records the exit with a reason and asks the lifecycle
  /// whether to restart.
  func reap(
    _ process: SupervisedProcess, _ runtime: SandboxRuntime, now: UInt64, state: inout AgentState
  ) {
    let pid = process.pid
    guard pid != 0 else { return }
    Glibc.kill(-pid, SIGKILL)
    var status: Int32 = 0
    let reaped = waitpid(pid, &status, 0)
    for reader in process.readers { drain(reader, of: process, in: runtime, state: &state) }
    if process.pidDescriptor >= 0 {
      _ = clinux_epoll_ctl(epollDescriptor, CLINUX_EPOLL_CTL_DEL, process.pidDescriptor, 0, 0)
      close(process.pidDescriptor)
      state.watches[process.exitToken] = nil
      process.pidDescriptor = -1
    }
    var code: Int32?
    var signal: Int32?
    if reaped == pid, clinux_wifexited(status) != 0 {
      code = clinux_wexitstatus(status)
    } else if reaped == pid, clinux_wifsignaled(status) != 0 {
      signal = clinux_wtermsig(status)
    } else {
      signal = SIGKILL
    }
    let record = ExitRecord.describe(
      code: code, signal: signal, limits: process.definition.limits,
      lastVirtualBytes: process.samples.last?.virtualBytes ?? 0, stderrTail: process.stderrTail,
      allocationFailure: process.allocationFailure,
      cause: process.cause, timeMillis: AgentClock.wallMillis())
    process.lastExit = record
    process.pid = 0
    process.cause = nil
    process.killAt = nil
    process.stderrTail.removeAll()
    process.allocationFailure = nil
    if case .restart(let at) = process.lifecycle.exited(failed: record.failed, at: now) {
      process.startAt = at
    }
    writePids(of: runtime)
    if runtime.stopping {
      stopRouterIfLast(runtime)
      finishStopIfDone(runtime, state: &state)
    }
  }

  /// Sends SIGTERM to every live process group of the sandbox (with SIGCONT, so a frozen
  /// process can act on it), schedules SIGKILL after the grace period, cancels pending starts.
  /// The log router is stopped last (``deferStop(ofRouter:now:)``).
  func beginStop(_ runtime: SandboxRuntime, now: UInt64, state: inout AgentState) {
    guard !runtime.stopping else { return }
    runtime.stopping = true
    let router = runtime.router
    for process in runtime.processes {
      process.lifecycle.stopRequested()
      process.startAt = nil
      guard process.isAlive else { continue }
      if process === router {
        deferStop(ofRouter: process, now: now)
      } else {
        signal(process, SIGTERM, cause: "stopped by the agent", now: now)
      }
    }
    stopRouterIfLast(runtime)
    finishStopIfDone(runtime, state: &state)
  }

  /// Sends `signal` to the process group with a cause for the exit reason; SIGTERM gets
  /// SIGKILL after the grace period.
  func signal(_ process: SupervisedProcess, _ signal: Int32, cause: String, now: UInt64) {
    process.cause = cause
    Glibc.kill(-process.pid, signal)
    if signal == SIGTERM {
      Glibc.kill(-process.pid, SIGCONT)
      process.lifecycle.thaw()
      process.killAt = now + configuration.stopGraceMillis
    }
  }

  /// Once no process of a stopping sandbox is alive: closes its route pipes, releases its
  /// ports and user id, removes its pids file, wakes its waiters.
  private func finishStopIfDone(_ runtime: SandboxRuntime, state: inout AgentState) {
    guard !runtime.stopped, runtime.processes.allSatisfy({ !$0.isAlive }) else { return }
    runtime.stopped = true
    closeRoutes(runtime.routes, state: &state)
    configuration.ports.release(runtime.ports)
    if let userID = runtime.userID { configuration.userIDs?.release(userID) }
    unlink("\(runtime.directory)/pids")
    for waiter in runtime.waiters { waiter.signal() }
    runtime.waiters.removeAll()
  }
}

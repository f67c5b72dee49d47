import CLinux
import Glibc

extension SandboxAgent {
  /// The shortest wait between two walks of the schedule.
  static let tickMillis: UInt64 = 50

  /// The agent's thread: waits on epoll (pidfds, pipes, the wake eventfd and the timerfd),
  /// handles what is ready, runs whatever is due, and re-arms the timerfd for the next
  /// deadline — so an idle agent sleeps until something is actually due.
  func runLoop() {
    var events = [UInt32](repeating: 0, count: 64)
    var tokens = [UInt64](repeating: 0, count: 64)
    while true {
      let count = clinux_epoll_wait(epollDescriptor, &events, &tokens, 64, -1)
      if count < 0 && errno != EINTR { break }
      let running = state.withLock { state -> Bool in
        // Output alone changes no deadline: only the timer, a wake-up (a command or a
        // health result) or an exit makes the schedule worth walking again. Busy logs then
        // cost their reads, not a scan of every process per line.
        var rescheduled = false
        for index in 0..<max(0, Int(count)) {
          rescheduled =
            handle(token: tokens[index], events: events[index], state: &state) || rescheduled
        }
        let now = AgentClock.monotonicMillis()
        guard rescheduled || now >= state.nextDue else { return state.running }
        runDue(now: now, state: &state)
        // Deadlines are met within `tickMillis`: many sandboxes' checks and samples then
        // share one walk instead of waking the loop once each. None at all disarms the timer (0).
        let delay =
          nextDeadline(state).map { due in
            Int(min(max(due > now ? due - now : 0, Self.tickMillis), 3_600_000))
          } ?? 0
        state.nextDue = delay == 0 ? .max : now + UInt64(delay)
        _ = clinux_timerfd_set_ms(timerDescriptor, delay, 0)
        return state.running
      }
      if !running { break }
    }
  }

  /// Handles one ready descriptor; `true` when the schedule may have changed.
  private func handle(token: UInt64, events: UInt32, state: inout AgentState) -> Bool {
    switch token {
    case Self.wakeToken, Self.timerToken:
      var value: UInt64 = 0
      _ = read(token == Self.wakeToken ? wakeDescriptor : timerDescriptor, &value, 8)
      return true
    default:
      switch state.watches[token] {
      case .exit(let process, let runtime):
        reap(process, runtime, now: AgentClock.monotonicMillis(), state: &state)
        return true
      case .output(let process, let runtime, let reader):
        drain(reader, of: process, in: runtime, state: &state)
        return false
      case .route(let route):
        flush(route)
        return false
      case nil:
        return false
      }
    }
  }

  /// Starts what is due (respecting `dependsOn` for a first start), escalates SIGTERM to
  /// SIGKILL after the grace period, stops idle sandboxes, submits health checks and samples.
  private func runDue(now: UInt64, state: inout AgentState) {
    for runtime in state.sandboxes.values where !runtime.stopped {
      if !runtime.stopping, let idle = runtime.idleTimeoutMillis,
        now &- runtime.lastTouch >= idle
      {
        beginStop(runtime, now: now, state: &state)
      }
      for process in runtime.processes {
        if let at = process.killAt, at <= now, process.isAlive {
          Glibc.kill(-process.pid, SIGKILL)
          process.killAt = nil
        }
        if let at = process.startAt, at <= now, !runtime.stopping,
          process.everStarted || runtime.dependenciesReady(of: process)
        {
          spawn(process, in: runtime, now: now, state: &state)
        }
        if process.isAlive, !process.healthInFlight, process.definition.healthCheck != nil,
          process.nextHealthAt <= now
        {
          submitHealthCheck(process, in: runtime, now: now)
        }
      }
    }
    if now >= state.nextSampleAt {
      state.nextSampleAt = now + configuration.sampleIntervalMillis
      for runtime in state.sandboxes.values {
        for process in runtime.processes where process.isAlive {
          guard let sample = sample(process, now: now), let address = runtime.metricsAddress
          else { continue }
          report(sample, of: process.definition.name, in: runtime.id, to: address, state: &state)
        }
      }
    }
  }

  /// The earliest time anything is due, `nil` when nothing is.
  private func nextDeadline(_ state: AgentState) -> UInt64? {
    var next: UInt64?
    func consider(_ time: UInt64?) {
      if let time, time < next ?? .max { next = time }
    }
    for runtime in state.sandboxes.values where !runtime.stopped {
      if !runtime.stopping, let idle = runtime.idleTimeoutMillis {
        consider(runtime.lastTouch + idle)
      }
      for process in runtime.processes {
        consider(process.startAt)
        consider(process.killAt)
        if process.isAlive {
          consider(state.nextSampleAt)
          if process.definition.healthCheck != nil, !process.healthInFlight {
            consider(process.nextHealthAt)
          }
        }
      }
    }
    return next
  }

  /// Appends a CPU and memory sample from `/proc/PID/stat` and returns it: CPU % is the tick
  /// delta over the elapsed time (100 = one core).
  private func sample(_ process: SupervisedProcess, now: UInt64) -> ResourceSample? {
    guard let stat = ProcStat.read(pid: process.pid) else { return nil }
    var percent = 0.0
    if let last = process.lastCPU, now > last.atMillis {
      let seconds = Double(stat.cpuTicks &- last.ticks) / Double(ProcStat.ticksPerSecond)
      percent = seconds * 100_000 / Double(now - last.atMillis)
    }
    process.lastCPU = (stat.cpuTicks, now)
    let sample = ResourceSample(
      timeMillis: AgentClock.wallMillis(), cpuPercent: percent,
      rssBytes: stat.residentPages * ProcStat.pageSize, virtualBytes: stat.virtualBytes)
    process.samples.append(sample)
    if process.samples.count > SupervisedProcess.maxSamples { process.samples.removeFirst() }
    return sample
  }
}

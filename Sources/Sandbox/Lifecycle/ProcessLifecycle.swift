/// The pure state machine behind one supervised process: it is told what happened (spawned,
/// exited, a health check's result, freeze, stop) with the time in milliseconds from an
/// injected monotonic clock, and answers what the agent should do next. No I/O, no clock.
public struct ProcessLifecycle: Sendable {
  /// What to do after an exit.
  public enum ExitDecision: Equatable, Sendable {
    /// Start the process again at this time (the back-off has elapsed).
    case restart(atMillis: UInt64)
    /// Leave it down (`state` says `stopped` or `crash-loop`).
    case stay
  }

  /// What to do after a health check result.
  public enum HealthDecision: Equatable, Sendable {
    case none
    /// The process just became unhealthy and is not frozen: stop it so it restarts (ECS
    /// replaces a task whose essential container turns unhealthy).
    case replace
  }

  public let policy: RestartPolicy
  public let check: HealthCheckDefinition?
  public private(set) var state: ProcessState = .starting
  public private(set) var health: HealthStatus = .unknown
  /// Restarts decided so far.
  public private(set) var restarts = 0
  private var alive = false
  private var frozen = false
  private var stopping = false
  /// The process is being stopped because it turned unhealthy: its exit counts as a failure
  /// whatever its code, so `on-failure` restarts it too (ECS replaces an unhealthy task).
  private var replacing = false
  private var startedAt: UInt64 = 0
  private var passedSinceStart = false
  private var passes = 0
  private var failures = 0
  private var failureStreak = 0
  private var recentFailures: [UInt64] = []

  public init(policy: RestartPolicy, check: HealthCheckDefinition?) {
    self.policy = policy
    self.check = check
  }

  /// The process was started at `now`.
  public mutating func spawned(at now: UInt64) {
    alive = true
    frozen = false
    stopping = false
    replacing = false
    startedAt = now
    passedSinceStart = false
    passes = 0
    failures = 0
    health = .unknown
    refresh()
  }

  /// The process exited at `now`; `failed` is a non-zero code or a signal.
  ///
  /// A process that ran at least the crash-loop window starts a fresh failure streak; the
  /// back-off is `base × 2^(streak − 1)` capped at `cap`; `crashLoopFailures` failures within
  /// the window end in `crash-loop`.
  public mutating func exited(failed exitFailed: Bool, at now: UInt64) -> ExitDecision {
    let failed = exitFailed || replacing
    replacing = false
    alive = false
    frozen = false
    health = .unknown
    guard !stopping else {
      state = .stopped
      return .stay
    }
    let window = UInt64(policy.crashLoopWindowSeconds) * 1000
    if now &- startedAt >= window { failureStreak = 0 }
    if failed {
      failureStreak += 1
      recentFailures = recentFailures.filter { now &- $0 < window } + [now]
      if recentFailures.count >= policy.crashLoopFailures {
        state = .crashLoop
        return .stay
      }
    }
    guard policy.mode == .always || (policy.mode == .onFailure && failed) else {
      state = .stopped
      return .stay
    }
    restarts += 1
    state = .backingOff
    return .restart(atMillis: now + backoff())
  }

  /// The delay before the next start, from the current failure streak.
  func backoff() -> UInt64 {
    let doublings = min(max(failureStreak - 1, 0), 30)
    let delay = UInt64(policy.backoffBaseMillis) << UInt64(doublings)
    return min(delay, UInt64(policy.backoffCapMillis))
  }

  /// Records a health check result at `now`. Failures in the start period do not count
  /// unless a check has already passed since the start (ECS `startPeriod` semantics).
  public mutating func recordHealth(passed: Bool, at now: UInt64) -> HealthDecision {
    guard alive, !stopping, let check else { return .none }
    if passed {
      passedSinceStart = true
      passes += 1
      failures = 0
      if passes >= check.healthyThreshold { health = .healthy }
      refresh()
      return .none
    }
    passes = 0
    guard passedSinceStart || now &- startedAt >= UInt64(check.startPeriodMillis) else {
      return .none
    }
    failures += 1
    guard failures >= check.unhealthyThreshold else { return .none }
    health = .unhealthy
    refresh()
    let replace = failures == check.unhealthyThreshold && !frozen && policy.mode != .never
    if replace { replacing = true }
    return replace ? .replace : .none
  }

  /// The agent froze the process (SIGSTOP).
  public mutating func freeze() {
    guard alive else { return }
    frozen = true
    refresh()
  }

  /// The agent thawed the process (SIGCONT).
  public mutating func thaw() {
    frozen = false
    refresh()
  }

  /// The agent is stopping the process: its exit is final and a pending restart is off.
  public mutating func stopRequested() {
    stopping = true
    if !alive { state = .stopped }
  }

  private mutating func refresh() {
    guard alive else { return }
    if frozen {
      state = .frozen
    } else if check == nil {
      state = .running
    } else {
      switch health {
      case .healthy: state = .healthy
      case .unhealthy: state = .unhealthy
      case .unknown: state = .starting
      }
    }
  }
}

import Synchronization

/// The faults active in one app process, switched by the control endpoint and read by every
/// request. Each activation gets a generation number so a background effect (leak, hog,
/// flood) knows when it was replaced or cleared and ends.
public final class FaultState: Sendable {
  private struct State {
    var active: [FaultKind: Fault] = [:]
    var generation = 0
    var generations: [FaultKind: Int] = [:]
    /// Requests answered since the crash fault was armed.
    var requestsSinceCrashArmed = 0
  }

  private let state = Mutex(State())

  public init() {}

  /// Makes `fault` active, replacing one of the same kind; returns its generation.
  @discardableResult
  public func activate(_ fault: Fault) -> Int {
    state.withLock { state in
      state.generation += 1
      state.active[fault.kind] = fault
      state.generations[fault.kind] = state.generation
      if fault.kind == .crash { state.requestsSinceCrashArmed = 0 }
      return state.generation
    }
  }

  /// Clears the fault of `kind`; `false` when none was active.
  public func deactivate(_ kind: FaultKind) -> Bool {
    state.withLock { state in
      state.generations[kind] = nil
      return state.active.removeValue(forKey: kind) != nil
    }
  }

  /// The active faults in catalog order.
  public var active: [Fault] {
    state.withLock { state in FaultKind.allCases.compactMap { state.active[$0] } }
  }

  /// Whether the activation with `generation` of `kind` is still the active one.
  public func isCurrent(_ kind: FaultKind, generation: Int) -> Bool {
    state.withLock { $0.generations[kind] == generation }
  }

  /// Whether `/health` must answer 503.
  public var healthFailing: Bool { state.withLock { $0.active[.failingHealth] != nil } }

  /// Decides, for one arriving request, the added delay, an injected error status and whether
  /// the process crashes now (after `after_requests` requests were answered).
  public func decide(using random: inout some RandomNumberGenerator) -> RequestFaults {
    state.withLock { state in
      var faults = RequestFaults()
      if let crash = state.active[.crash] {
        if state.requestsSinceCrashArmed >= crash["after_requests"] {
          faults.crashExitCode = Int32(crash["exit_code"])
          return faults
        }
        state.requestsSinceCrashArmed += 1
      }
      if let latency = state.active[.latency], Self.hits(latency["percent"], &random) {
        faults.delayMilliseconds =
          latency["fixed_ms"] + Int.random(in: 0...latency["jitter_ms"], using: &random)
      }
      if let errors = state.active[.errors], Self.hits(errors["percent"], &random) {
        faults.errorStatus = errors["status"]
      }
      return faults
    }
  }

  /// True for `percent` of the draws.
  private static func hits(_ percent: Int, _ random: inout some RandomNumberGenerator) -> Bool {
    Int.random(in: 0..<100, using: &random) < percent
  }
}

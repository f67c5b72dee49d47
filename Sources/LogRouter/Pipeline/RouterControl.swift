import Synchronization
import Wire

/// The phase every thread of a router checks, and the deadline of a stop.
final class RouterControl: Sendable {
  private let phase = Atomic<Int>(RouterPhase.running.rawValue)
  /// Monotonic nanoseconds after which a stop gives up on undelivered chunks.
  private let deadline = Atomic<UInt64>(UInt64.max)

  /// Set once every input thread has returned: nothing more will be appended.
  private let inputsEnded = Atomic<Bool>(false)

  var current: RouterPhase { RouterPhase(rawValue: phase.load(ordering: .acquiring))! }
  var isStopping: Bool { current == .stopping }
  var pastDeadline: Bool { MonotonicClock.now() >= deadline.load(ordering: .acquiring) }

  var haveInputsEnded: Bool { inputsEnded.load(ordering: .acquiring) }

  func endInputs() { inputsEnded.store(true, ordering: .releasing) }

  func drain() {
    _ = phase.compareExchange(
      expected: RouterPhase.running.rawValue, desired: RouterPhase.draining.rawValue,
      ordering: .acquiringAndReleasing)
  }

  func stop(grace: Duration) {
    deadline.store(MonotonicClock.now() &+ grace.nanoseconds, ordering: .releasing)
    phase.store(RouterPhase.stopping.rawValue, ordering: .releasing)
  }
}

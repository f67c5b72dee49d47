import Glibc
import Wire

/// The agent's two clocks: monotonic milliseconds for every decision, wall-clock
/// milliseconds only for the times it reports.
enum AgentClock {
  static func monotonicMillis() -> UInt64 { MonotonicClock.now() / 1_000_000 }

  static func wallMillis() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
  }
}

import Glibc

/// Monotonic time in nanoseconds (`CLOCK_MONOTONIC`, served by the vDSO: no system call).
public enum MonotonicClock {
  @inline(__always)
  public static func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }
}

extension Duration {
  /// The duration in whole nanoseconds, clamped at zero.
  public var nanoseconds: UInt64 {
    let (seconds, attoseconds) = components
    guard seconds >= 0 else { return 0 }
    return UInt64(seconds) &* 1_000_000_000 &+ UInt64(attoseconds / 1_000_000_000)
  }
}

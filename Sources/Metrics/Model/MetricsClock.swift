import Glibc

/// Wall-clock time in seconds since the Unix epoch, injected so that buckets, retention and
/// alarms can be driven by a fake clock in tests.
public struct MetricsClock: Sendable {
  public let now: @Sendable () -> Double

  public init(now: @escaping @Sendable () -> Double) {
    self.now = now
  }

  /// `CLOCK_REALTIME`.
  public static let system = MetricsClock {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}

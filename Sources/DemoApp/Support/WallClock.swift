import Glibc
import Wire

/// Wall-clock time as epoch seconds with sub-second precision (`CLOCK_REALTIME`), and its
/// RFC 3339 spelling for log lines.
public enum WallClock {
  /// Seconds since the Unix epoch.
  public static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }

  /// Monotonic seconds (`CLOCK_MONOTONIC`), for durations and pacing.
  public static func monotonic() -> Double { Double(MonotonicClock.now()) / 1e9 }

  /// RFC 3339 §5.6 in UTC with milliseconds: `2026-11-28T06:54:48.123Z`.
  public static func rfc3339(_ epochSeconds: Double) -> String {
    let milliseconds = Int((epochSeconds * 1000).rounded(.down))
    var seconds = time_t(milliseconds / 1000)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func padded(_ value: Int32, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-"
      + padded(parts.tm_mday, 2) + "T"
      + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2)
      + "."
      + padded(Int32(milliseconds % 1000), 3) + "Z"
  }
}

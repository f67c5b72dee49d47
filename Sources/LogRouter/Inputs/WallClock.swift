import Glibc

/// Real time for record timestamps: seconds since the Unix epoch, with fractions.
enum WallClock {
  static func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
  }
}

/// One CPU and memory sample of a process, read from `/proc/PID/stat` (proc(5)).
public struct ResourceSample: Sendable, Codable, Equatable {
  /// Wall-clock time, milliseconds since 1970.
  public var timeMillis: Int64
  /// Share of one core since the previous sample (100 = one full core).
  public var cpuPercent: Double
  /// Resident set size (field 24, in pages, times the page size).
  public var rssBytes: UInt64
  /// Virtual memory size (field 23), what RLIMIT_AS bounds.
  public var virtualBytes: UInt64
}

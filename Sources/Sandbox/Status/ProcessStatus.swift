/// A snapshot of one container of a sandbox, as the status API reports it.
public struct ProcessStatus: Sendable, Codable, Equatable {
  public var name: String
  public var role: String
  /// The live process id (also its process group), `nil` when not running.
  public var pid: Int32?
  public var state: ProcessState
  public var health: HealthStatus
  /// From the newest sample.
  public var cpuPercent: Double?
  public var rssBytes: UInt64?
  public var restarts: Int
  public var lastExit: ExitRecord?
  public var ports: [String: UInt16]
  /// The newest captured lines (both streams).
  public var recentLogs: [LogLine]
  /// CPU and memory over time, oldest first, for charts.
  public var samples: [ResourceSample]
}

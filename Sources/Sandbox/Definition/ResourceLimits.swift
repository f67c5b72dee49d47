/// The rlimits the launcher sets before the target runs (setrlimit(2)): RLIMIT_AS in MiB,
/// RLIMIT_NOFILE, RLIMIT_NPROC (per user id, so each sandbox runs as its own user when the
/// agent is root) and RLIMIT_CPU in seconds.
public struct ResourceLimits: Codable, Sendable, Equatable {
  public var addressSpaceMB: Int
  public var openFiles: Int
  public var processes: Int
  public var cpuSeconds: Int

  public init(
    addressSpaceMB: Int = 1024, openFiles: Int = 256, processes: Int = 64, cpuSeconds: Int = 3600
  ) {
    self.addressSpaceMB = addressSpaceMB
    self.openFiles = openFiles
    self.processes = processes
    self.cpuSeconds = cpuSeconds
  }
}

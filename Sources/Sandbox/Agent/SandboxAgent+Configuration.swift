import Glibc

extension SandboxAgent {
  /// How an agent runs its sandboxes.
  public struct Configuration: Sendable {
    /// Folder holding `<sandboxID>/<container>/` working folders and `<sandboxID>/pids`.
    public var root: String
    /// The sidecarlab executable: the launcher (`sandbox-exec`) and the `{bin}` placeholder.
    public var executable: String
    /// Stop a sandbox after this long without ``SandboxAgent/touch(sandboxID:)``; `nil` never.
    public var idleTimeoutMillis: UInt64?
    /// Time between SIGTERM and SIGKILL when stopping.
    public var stopGraceMillis: UInt64 = 5000
    /// CPU and memory sampling interval.
    public var sampleIntervalMillis: UInt64 = 2000
    public var healthWorkers = 4
    public var ports: PortAllocator = .shared
    /// When set (the default when the agent runs as root), each sandbox runs as its own user
    /// id from this allocator, so RLIMIT_NPROC counts one sandbox and sandboxes cannot signal
    /// each other; root ignores RLIMIT_NPROC.
    public var userIDs: UserIDAllocator? = geteuid() == 0 ? .shared : nil
    public var logSink: any LogSink = RingLogSink()

    public init(root: String, executable: String = Configuration.currentExecutable) {
      self.root = root
      self.executable = executable
    }

    /// The running program (`/proc/self/exe`).
    public static var currentExecutable: String {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      guard count > 0 else { return CommandLine.arguments[0] }
      return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
  }
}

/// How a process ended: its exit code or the signal that killed it, and a reason in words
/// ("exit 137: killed by SIGKILL after exceeding the memory limit").
public struct ExitRecord: Sendable, Codable, Equatable {
  /// The code passed to exit(2), when it exited.
  public var code: Int32?
  /// The terminating signal, when it was killed.
  public var signal: Int32?
  public var reason: String
  /// Wall-clock time, milliseconds since 1970.
  public var timeMillis: Int64

  /// The shell-style status: the code, or 128 + the signal.
  public var status: Int32 { code ?? (128 + (signal ?? 0)) }

  /// A non-zero code or a signal.
  public var failed: Bool { code != 0 }

  public init(code: Int32?, signal: Int32?, reason: String, timeMillis: Int64) {
    self.code = code
    self.signal = signal
    self.reason = reason
    self.timeMillis = timeMillis
  }
}

/// When and how fast a process that exited is started again, and when to give up.
public struct RestartPolicy: Codable, Sendable, Equatable {
  /// `always` restarts after any exit, `on-failure` after a non-zero code or a signal.
  public enum Mode: String, Codable, Sendable {
    case always
    case onFailure = "on-failure"
    case never
  }

  public var mode: Mode
  /// First back-off delay; it doubles with each failure in a row up to `backoffCapMillis`.
  public var backoffBaseMillis: Int
  public var backoffCapMillis: Int
  /// `crashLoopFailures` failures within `crashLoopWindowSeconds` stop restarts (`crash-loop`).
  public var crashLoopFailures: Int
  public var crashLoopWindowSeconds: Int

  public init(
    mode: Mode = .onFailure, backoffBaseMillis: Int = 500, backoffCapMillis: Int = 30_000,
    crashLoopFailures: Int = 5, crashLoopWindowSeconds: Int = 60
  ) {
    self.mode = mode
    self.backoffBaseMillis = backoffBaseMillis
    self.backoffCapMillis = backoffCapMillis
    self.crashLoopFailures = crashLoopFailures
    self.crashLoopWindowSeconds = crashLoopWindowSeconds
  }
}

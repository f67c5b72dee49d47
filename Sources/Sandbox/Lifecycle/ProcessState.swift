/// Where a supervised process is in its life, as the status API reports it.
public enum ProcessState: String, Sendable, Codable {
  /// Spawned; its health check has not passed yet.
  case starting
  /// Alive, without a health check.
  case running
  case healthy
  case unhealthy
  /// Stopped by the agent's freeze fault (SIGSTOP); thaw sends SIGCONT.
  case frozen
  /// Exited; waiting out the back-off before the next start.
  case backingOff = "backing-off"
  case stopped
  /// Failed too often too quickly; no more restarts until the sandbox is started again.
  case crashLoop = "crash-loop"
}

/// The verdict of a process's health checks so far.
public enum HealthStatus: String, Sendable, Codable {
  /// No check yet, or no health check defined.
  case unknown
  case healthy
  case unhealthy
}

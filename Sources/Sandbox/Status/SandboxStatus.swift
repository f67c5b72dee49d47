/// A snapshot of a sandbox and its processes.
public struct SandboxStatus: Sendable, Codable, Equatable {
  public enum Phase: String, Sendable, Codable { case running, stopping, stopped }

  public var id: String
  public var phase: Phase
  public var directory: String
  public var processes: [ProcessStatus]

  /// Whether every process is up: healthy, or running when it has no health check.
  public var allHealthy: Bool {
    phase == .running && processes.allSatisfy { $0.state == .healthy || $0.state == .running }
  }

  public func process(_ name: String) -> ProcessStatus? { processes.first { $0.name == name } }
}

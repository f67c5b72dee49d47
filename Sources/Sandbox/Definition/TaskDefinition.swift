/// A sandbox's processes as data, shaped like a trimmed ECS task definition: decoded from
/// JSON and checked by ``validate()`` before the agent runs any of it.
public struct TaskDefinition: Codable, Sendable, Equatable {
  /// Lower-case name of the task family (`[a-z0-9-]`, 1–64 characters).
  public var family: String
  /// Revision number, 1 or more.
  public var revision: Int
  /// The processes, 1–32, started in `dependsOn` order.
  public var containers: [ContainerDefinition]
  /// Where the agent sends each process's CPU and memory samples as DogStatsD gauges over UDP:
  /// a numeric IPv4 `host:port`, usually a port of the task's metrics agent
  /// (`127.0.0.1:{port:metrics.statsd}`); `nil` sends none.
  public var metricsAddress: String?

  public init(
    family: String, revision: Int, containers: [ContainerDefinition], metricsAddress: String? = nil
  ) {
    self.family = family
    self.revision = revision
    self.containers = containers
    self.metricsAddress = metricsAddress
  }
}

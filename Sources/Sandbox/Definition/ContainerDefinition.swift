/// One supervised process of a task. `command` is an argv whose arguments may hold the
/// placeholders `{bin}` (the sidecarlab executable), `{port:NAME}` (a port of this container)
/// and `{port:CONTAINER.NAME}` (a port of another container); `environment` values may too.
public struct ContainerDefinition: Codable, Sendable, Equatable {
  public var name: String
  public var role: String
  public var command: [String]
  public var environment: [String: String]
  /// Names of the ports the agent allocates; each is also exported as `PORT_<NAME>`.
  public var ports: [String]
  public var healthCheck: HealthCheckDefinition?
  public var restartPolicy: RestartPolicy
  public var limits: ResourceLimits
  /// Containers that are started before this one.
  public var dependsOn: [String]

  public init(
    name: String, role: String = "app", command: [String], environment: [String: String] = [:],
    ports: [String] = [], healthCheck: HealthCheckDefinition? = nil,
    restartPolicy: RestartPolicy = RestartPolicy(), limits: ResourceLimits = ResourceLimits(),
    dependsOn: [String] = []
  ) {
    self.name = name
    self.role = role
    self.command = command
    self.environment = environment
    self.ports = ports
    self.healthCheck = healthCheck
    self.restartPolicy = restartPolicy
    self.limits = limits
    self.dependsOn = dependsOn
  }

  private enum CodingKeys: String, CodingKey {
    case name, role, command, environment, ports, healthCheck, restartPolicy, limits, dependsOn
  }

  /// Decodes with defaults for every field but `name` and `command`.
  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    name = try values.decode(String.self, forKey: .name)
    role = try values.decodeIfPresent(String.self, forKey: .role) ?? "app"
    command = try values.decode([String].self, forKey: .command)
    environment = try values.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
    ports = try values.decodeIfPresent([String].self, forKey: .ports) ?? []
    healthCheck = try values.decodeIfPresent(HealthCheckDefinition.self, forKey: .healthCheck)
    restartPolicy =
      try values.decodeIfPresent(RestartPolicy.self, forKey: .restartPolicy) ?? RestartPolicy()
    limits = try values.decodeIfPresent(ResourceLimits.self, forKey: .limits) ?? ResourceLimits()
    dependsOn = try values.decodeIfPresent([String].self, forKey: .dependsOn) ?? []
  }
}

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
  /// Containers that are started before this one (an `awsfirelens` container also waits for
  /// the log router without naming it: ``TaskDefinition/dependencies(of:)``).
  public var dependsOn: [String]
  /// Set on the task's log router (ECS `firelensConfiguration`).
  public var firelensConfiguration: FireLensConfiguration?
  /// `awsfirelens`: this container's stdout and stderr go to the log router (ECS `logConfiguration`).
  public var logConfiguration: LogConfiguration?

  public init(
    name: String, role: String = "app", command: [String], environment: [String: String] = [:],
    ports: [String] = [], healthCheck: HealthCheckDefinition? = nil,
    restartPolicy: RestartPolicy = RestartPolicy(), limits: ResourceLimits = ResourceLimits(),
    dependsOn: [String] = [], firelensConfiguration: FireLensConfiguration? = nil,
    logConfiguration: LogConfiguration? = nil
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
    self.firelensConfiguration = firelensConfiguration
    self.logConfiguration = logConfiguration
  }

  private enum CodingKeys: String, CodingKey {
    case name, role, command, environment, ports, healthCheck, restartPolicy, limits, dependsOn
    case firelensConfiguration, logConfiguration
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
    firelensConfiguration = try values.decodeIfPresent(
      FireLensConfiguration.self, forKey: .firelensConfiguration)
    logConfiguration = try values.decodeIfPresent(LogConfiguration.self, forKey: .logConfiguration)
  }
}

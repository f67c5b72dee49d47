extension ContainerDefinition {
  /// Variables the agent sets itself; a definition may not set them.
  static let reservedVariables: Set<String> = [
    "PATH", "LANG", "ECS_CONTAINER_NAME", "ECS_TASK_ID", "ECS_TASK_DEFINITION",
    "SIDECARLAB_CONTROL_TOKEN", "SIDECARLAB_LOG_STREAMS", "MALLOC_ARENA_MAX",
  ]

  /// Checks this container's fields; `ports` maps every container name to its port names.
  func validate(field: String, ports: [String: Set<String>]) throws(TaskDefinitionError) {
    try TaskDefinition.check(name: role, field: "\(field).role", maxLength: 32)
    guard (1...64).contains(command.count) else {
      throw TaskDefinitionError(field: "\(field).command", "must hold 1...64 arguments")
    }
    for (index, argument) in command.enumerated() {
      try Self.check(text: argument, field: "\(field).command[\(index)]", ports: ports, own: name)
    }
    guard !command[0].isEmpty else {
      throw TaskDefinitionError(field: "\(field).command[0]", "must name a program")
    }
    guard environment.count <= 64 else {
      throw TaskDefinitionError(field: "\(field).environment", "at most 64 variables")
    }
    for (key, value) in environment {
      let valid =
        key.utf8.first.map { !(0x30...0x39).contains($0) } ?? false
        && key.utf8.count <= 128
        && key.utf8.allSatisfy {
          (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F
        }
      guard valid, !Self.reservedVariables.contains(key), !key.hasPrefix("PORT_") else {
        throw TaskDefinitionError(
          field: "\(field).environment.\(key)", "must be [A-Z_][A-Z0-9_]* and not set by the agent")
      }
      try Self.check(text: value, field: "\(field).environment.\(key)", ports: ports, own: name)
    }
    if let check = healthCheck {
      try check.validate(field: "\(field).healthCheck", ports: ports[name] ?? [])
    }
    try firelensConfiguration?.validate(field: "\(field).firelensConfiguration")
    try logConfiguration?.validate(field: "\(field).logConfiguration")
    try restartPolicy.validate(field: "\(field).restartPolicy")
    try limits.validate(field: "\(field).limits")
    for (index, dependency) in dependsOn.enumerated()
    where ports[dependency] == nil || dependency == name {
      throw TaskDefinitionError(
        field: "\(field).dependsOn[\(index)]", "no other container named '\(dependency)'")
    }
  }

  /// Checks an argument or value: bounded, no NUL, and every `{port:…}` resolvable.
  static func check(text: String, field: String, ports: [String: Set<String>], own: String)
    throws(TaskDefinitionError)
  {
    guard text.utf8.count <= 4096, !text.utf8.contains(0) else {
      throw TaskDefinitionError(field: field, "must be at most 4096 bytes without NUL")
    }
    for placeholder in Placeholder.all(in: text) {
      guard case .port(let container, let port) = placeholder else { continue }
      guard ports[container ?? own]?.contains(port) == true else {
        throw TaskDefinitionError(field: field, "unknown port '\(port)' of '\(container ?? own)'")
      }
    }
  }
}

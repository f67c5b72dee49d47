extension TaskDefinition {
  /// The task's log router: the container with a ``FireLensConfiguration`` (at most one).
  public var logRouter: ContainerDefinition? {
    containers.first { $0.firelensConfiguration != nil }
  }

  /// The containers whose stdout and stderr go to the log router (`awsfirelens`), in the
  /// order listed.
  public var routedContainers: [ContainerDefinition] {
    containers.filter { $0.logConfiguration != nil }
  }

  /// What must be up before `container` first starts: its `dependsOn`, and for an
  /// `awsfirelens` container also the log router, which ECS likewise starts first
  /// ("the FireLens container starts before any container that uses it"). The router is
  /// added implicitly, so a definition need not (but may) name it.
  public func dependencies(of container: ContainerDefinition) -> [String] {
    guard container.logConfiguration != nil, let router = logRouter,
      !container.dependsOn.contains(router.name)
    else { return container.dependsOn }
    return container.dependsOn + [router.name]
  }

  /// At most one log router; `awsfirelens` needs one, and the router's own output cannot go
  /// to itself.
  func validateLogRouting() throws(TaskDefinitionError) {
    let routers = containers.indices.filter { containers[$0].firelensConfiguration != nil }
    if routers.count > 1 {
      throw TaskDefinitionError(
        field: "containers[\(routers[1])].firelensConfiguration",
        "only one container may be the log router ('\(containers[routers[0]].name)' already is)")
    }
    if let router = routers.first, containers[router].logConfiguration != nil {
      throw TaskDefinitionError(
        field: "containers[\(router)].logConfiguration",
        "the log router cannot send its own output to itself")
    }
    if routers.isEmpty, let user = containers.firstIndex(where: { $0.logConfiguration != nil }) {
      throw TaskDefinitionError(
        field: "containers[\(user)].logConfiguration",
        "awsfirelens needs a log router: a container with firelensConfiguration")
    }
  }
}

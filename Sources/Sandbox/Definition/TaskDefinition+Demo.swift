extension TaskDefinition {
  /// The demo app of issue 3: swan ×1, unicorn v1 ×2, unicorn v2 ×1 and the traffic generator,
  /// each a `{bin}` role bound to loopback ports the agent allocates. (Proxies, the log router
  /// and the trace daemon join with their issues.)
  public static let demo: TaskDefinition = {
    func health(_ port: String) -> HealthCheckDefinition {
      HealthCheckDefinition(
        path: "/health", port: port, intervalMillis: 2000, timeoutMillis: 1000, healthyThreshold: 1,
        unhealthyThreshold: 3, startPeriodMillis: 5000)
    }
    func app(
      _ name: String, service: String, version: String, upstream: String? = nil,
      after: [String] = []
    )
      -> ContainerDefinition
    {
      var command = [
        "{bin}", "app", "--service", service, "--listen", "127.0.0.1:{port:http}",
        "--control", "127.0.0.1:{port:control}", "--instance", name, "--version", version,
      ]
      if let upstream { command += ["--upstream", upstream] }
      return ContainerDefinition(
        name: name, role: service, command: command, ports: ["http", "control"],
        healthCheck: health("http"),
        restartPolicy: RestartPolicy(mode: .onFailure),
        limits: ResourceLimits(addressSpaceMB: 1024),
        dependsOn: after)
    }
    let unicorns = ["unicorn-v1-a", "unicorn-v1-b", "unicorn-v2"]
    return TaskDefinition(
      family: "demo", revision: 1,
      containers: [
        app("unicorn-v1-a", service: "unicorn", version: "v1"),
        app("unicorn-v1-b", service: "unicorn", version: "v1"),
        app("unicorn-v2", service: "unicorn", version: "v2"),
        app(
          "swan", service: "swan", version: "v1", upstream: "127.0.0.1:{port:unicorn-v1-a.http}",
          after: unicorns),
        ContainerDefinition(
          name: "loadgen", role: "loadgen",
          command: ["{bin}", "loadgen", "--target", "127.0.0.1:{port:swan.http}"],
          restartPolicy: RestartPolicy(mode: .onFailure), dependsOn: ["swan"]),
      ])
  }()
}

extension TaskDefinition {
  /// The demo app of issue 3: swan ×1, unicorn v1 ×2, unicorn v2 ×1 and the traffic generator,
  /// each a `{bin}` role bound to loopback ports the agent allocates, and the trace daemon the
  /// apps send their X-Ray segments to (issue 8; its store is `tracer/traces.sqlite` in the
  /// sandbox's folder). (Proxies and the log router join with their issues.)
  public static let demo: TaskDefinition = {
    func health(_ port: String, path: String = "/health") -> HealthCheckDefinition {
      HealthCheckDefinition(
        path: path, port: port, intervalMillis: 2000, timeoutMillis: 1000, healthyThreshold: 1,
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
        name: name, role: service, command: command,
        environment: ["AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:{port:tracer.udp}"],
        ports: ["http", "control"], healthCheck: health("http"),
        restartPolicy: RestartPolicy(mode: .onFailure),
        limits: ResourceLimits(addressSpaceMB: 1024),
        dependsOn: ["tracer"] + after)
    }
    let unicorns = ["unicorn-v1-a", "unicorn-v1-b", "unicorn-v2"]
    return TaskDefinition(
      family: "demo", revision: 1,
      containers: [
        ContainerDefinition(
          name: "tracer", role: "tracer",
          command: [
            "{bin}", "tracer", "--udp", "127.0.0.1:{port:udp}", "--http", "127.0.0.1:{port:http}",
            "--data", "traces.sqlite",
          ],
          ports: ["udp", "http"], healthCheck: health("http", path: "/stats"),
          restartPolicy: RestartPolicy(mode: .onFailure),
          limits: ResourceLimits(addressSpaceMB: 1024)),
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

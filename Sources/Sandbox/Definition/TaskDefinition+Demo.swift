extension TaskDefinition {
  /// The demo task (DESIGN.md "One learner's sandbox"): swan ×1, unicorn v1 ×2 and v2 ×1, each
  /// behind its own sidecar proxy (`<app>-envoy`, App Mesh's virtual nodes `swan`, `unicorn-v1`,
  /// `unicorn-v2` of the mesh in `mesh/mesh.json`), the traffic generator calling swan's
  /// sidecar, and beside them the trace daemon (`tracer/traces.sqlite`), the metrics agent
  /// (`metrics/metrics.sqlite`, fed by the sidecars' StatsD and the agent's CPU/memory samples,
  /// and scraping each sidecar's `/stats/prometheus` every 5 s, labelled `job=<app>-envoy`)
  /// and the log router (`logrouter/logs.sqlite`), which every app and sidecar logs to
  /// (`awsfirelens`).
  ///
  /// A sidecar starts once its app is up, so its first health check of the app passes.
  /// The sidecars find each other by the DNS names of the mesh document, resolved through
  /// `--resolve` to the loopback ports the agent allocates; swan calls
  /// `http://unicorn.demo.local` through its sidecar's egress listener.
  public static let demo: TaskDefinition = {
    func health(_ port: String, path: String = "/health") -> HealthCheckDefinition {
      HealthCheckDefinition(
        path: path, port: port, intervalMillis: 2000, timeoutMillis: 1000, healthyThreshold: 1,
        unhealthyThreshold: 3, startPeriodMillis: 5000)
    }
    let tracing = ["AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:{port:tracer.udp}"]
    // Every process of a sandbox runs as the sandbox's user, and RLIMIT_NPROC counts that
    // user's threads across all twelve processes: room for them all, still no fork bomb.
    let limits = ResourceLimits(addressSpaceMB: 1024, processes: 512)
    func logs(_ parser: String) -> LogConfiguration {
      LogConfiguration(options: ["Parser": parser])
    }
    func daemon(_ name: String, command: [String], ports: [String], health: HealthCheckDefinition)
      -> ContainerDefinition
    {
      ContainerDefinition(
        name: name, role: name, command: command, ports: ports, healthCheck: health,
        restartPolicy: RestartPolicy(mode: .onFailure),
        limits: limits, logConfiguration: LogConfiguration())
    }
    func app(_ name: String, service: String, version: String, egress: Bool = false)
      -> ContainerDefinition
    {
      var command = [
        "{bin}", "app", "--service", service, "--listen", "127.0.0.1:{port:http}",
        "--control", "127.0.0.1:{port:control}", "--instance", name, "--version", version,
      ]
      if egress {
        command += [
          "--upstream", "127.0.0.1:{port:\(name)-envoy.egress}", "--upstream-host",
          "unicorn.demo.local",
        ]
      }
      return ContainerDefinition(
        name: name, role: service, command: command, environment: tracing,
        ports: ["http", "control"], healthCheck: health("http"),
        restartPolicy: RestartPolicy(mode: .onFailure),
        limits: limits, dependsOn: ["tracer"],
        logConfiguration: logs("json"))
    }
    let resolve = [
      "swan.demo.local=127.0.0.1:{port:swan-envoy.ingress}",
      "unicorn-v1.demo.local=127.0.0.1:{port:unicorn-v1-a-envoy.ingress},"
        + "127.0.0.1:{port:unicorn-v1-b-envoy.ingress}",
      "unicorn-v2.demo.local=127.0.0.1:{port:unicorn-v2-envoy.ingress}",
    ].joined(separator: ";")
    func sidecar(for app: String, node: String, egress: Bool = false) -> ContainerDefinition {
      var command = [
        "{bin}", "proxy", "--config", "../mesh/mesh.json", "--node", node, "--listen",
        "127.0.0.1:{port:ingress}", "--app", "127.0.0.1:{port:\(app).http}", "--admin",
        "127.0.0.1:{port:admin}", "--resolve", resolve, "--statsd",
        "127.0.0.1:{port:metrics.statsd}", "--tracer", "127.0.0.1:{port:tracer.udp}",
        "--access-log", "stdout",
      ]
      if egress { command += ["--egress", "127.0.0.1:{port:egress}"] }
      return ContainerDefinition(
        name: "\(app)-envoy", role: "envoy", command: command,
        ports: egress ? ["ingress", "egress", "admin"] : ["ingress", "admin"],
        healthCheck: health("admin", path: "/ready"),
        restartPolicy: RestartPolicy(mode: .onFailure),
        limits: limits, dependsOn: ["tracer", "metrics", app],
        logConfiguration: logs("envoy"))
    }
    let sidecars = ["swan", "unicorn-v1-a", "unicorn-v1-b", "unicorn-v2"].map { "\($0)-envoy" }
    let scrape = sidecars.map { "\($0)=http://127.0.0.1:{port:\($0).admin}/stats/prometheus" }
      .joined(separator: ";")
    return TaskDefinition(
      family: "demo", revision: 3,
      containers: [
        daemon(
          "tracer",
          command: [
            "{bin}", "tracer", "--udp", "127.0.0.1:{port:udp}", "--http",
            "127.0.0.1:{port:http}", "--data", "traces.sqlite",
          ], ports: ["udp", "http"], health: health("http", path: "/stats")),
        daemon(
          "metrics",
          command: [
            "{bin}", "metrics", "--statsd", "127.0.0.1:{port:statsd}", "--http",
            "127.0.0.1:{port:http}", "--data", "metrics.sqlite", "--scrape", scrape,
            "--scrape-interval-ms", "5000", "--max-series", "5000",
          ], ports: ["statsd", "http"], health: health("http", path: "/stats")),
        {
          var router = daemon(
            "logrouter",
            command: [
              "{bin}", "logrouter", "--http", "127.0.0.1:{port:http}", "--data", "logs.sqlite",
            ], ports: ["http"], health: health("http", path: "/api/v1/health"))
          router.firelensConfiguration = FireLensConfiguration()
          router.logConfiguration = nil
          router.restartPolicy = RestartPolicy(mode: .always)
          return router
        }(),
        app("unicorn-v1-a", service: "unicorn", version: "v1"),
        app("unicorn-v1-b", service: "unicorn", version: "v1"),
        app("unicorn-v2", service: "unicorn", version: "v2"),
        app("swan", service: "swan", version: "v1", egress: true),
        sidecar(for: "unicorn-v1-a", node: "unicorn-v1"),
        sidecar(for: "unicorn-v1-b", node: "unicorn-v1"),
        sidecar(for: "unicorn-v2", node: "unicorn-v2"),
        sidecar(for: "swan", node: "swan", egress: true),
        ContainerDefinition(
          name: "loadgen", role: "loadgen",
          command: ["{bin}", "loadgen", "--target", "127.0.0.1:{port:swan-envoy.ingress}"],
          restartPolicy: RestartPolicy(mode: .onFailure), limits: limits,
          dependsOn: ["swan", "swan-envoy"],
          logConfiguration: logs("json")),
      ],
      metricsAddress: "127.0.0.1:{port:metrics.statsd}")
  }()
}

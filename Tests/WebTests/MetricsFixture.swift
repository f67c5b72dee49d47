import Foundation
import Glibc
import Sandbox
import Testing
import Wire

@testable import Web

/// Helpers the metrics tests share: a server with sandboxes on and the real clock (the agent
/// stamps samples with its own), a learner's sandbox running a real `sidecarlab metrics`
/// agent as the demo task runs it (container `metrics`, role `metrics`, ports `statsd` and
/// `http`), and StatsD datagrams sent to it over UDP.
enum MetricsFixture {
  /// A task of one container: the metrics agent, as the demo task defines it.
  static let definition = TaskDefinition(
    family: "metrics-only", revision: 1,
    containers: [
      ContainerDefinition(
        name: "metrics", role: "metrics",
        command: [
          "{bin}", "metrics", "--statsd", "127.0.0.1:{port:statsd}", "--http",
          "127.0.0.1:{port:http}", "--data", "metrics.sqlite",
        ],
        ports: ["statsd", "http"],
        healthCheck: HealthCheckDefinition(
          path: "/stats", port: "http", intervalMillis: 200, timeoutMillis: 1000,
          startPeriodMillis: 5000))
    ])

  /// Runs `body` with sandboxes on and the wall clock.
  static func with(_ body: (WebServerFixture) async throws -> Void) async throws {
    let executable = try SandboxWebFixture.executable()
    let configure: (inout WebConfiguration) -> Void = { configuration in
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      configuration.sandboxExecutable = executable
      configuration.clock = { Date() }
    }
    try await WebServerFixture.with(configure: configure, body)
  }

  /// Starts the learner's sandbox with only the metrics agent and waits until it answers.
  /// - Returns: the agent's StatsD address.
  @discardableResult
  static func startAgent(_ fixture: WebServerFixture, learnerID: Int64) async throws
    -> SocketAddress
  {
    let agent = try #require(fixture.app.sandboxAgent)
    let id = SandboxService.sandboxID(learnerID: learnerID)
    try await BlockingWork.run { try agent.start(sandboxID: id, definition: definition) }
    var statsd: SocketAddress?
    try await SandboxWebFixture.waitUntil("the metrics agent is healthy", seconds: 20) {
      guard let process = agent.status(sandboxID: id, logLines: 0)?.process("metrics"),
        process.state == .healthy, let port = process.ports["statsd"]
      else { return false }
      statsd = SocketAddress(host: "127.0.0.1", port: port)
      return true
    }
    return try #require(statsd)
  }

  /// Sends one datagram.
  static func send(_ text: String, to address: SocketAddress) throws {
    let descriptor = try Socket.connectedUDP(to: address)
    defer { close(descriptor) }
    let sent = Array(text.utf8).withUnsafeBytes {
      Glibc.send(descriptor, $0.baseAddress, $0.count, 0)
    }
    #expect(sent == text.utf8.count)
  }

  /// Envoy's stats for one flush of the unicorn-v1 sidecar (callee side) and swan's sidecar
  /// (caller side of swan → unicorn-v1), tagged as App Mesh tags them; the latency line stands
  /// for `requests` samples (a sample rate of 1/requests, as Envoy's flusher sends it).
  static func meshFlush(requests: Int, errors: Int, latencyMillis: Double) -> String {
    let rate = requests > 1 ? "|@\(1.0 / Double(requests))" : ""
    func tagged(_ node: String) -> String { "|#appmesh.mesh:demo,appmesh.virtual_node:\(node)" }
    var lines: [String] = []
    for (cluster, node) in [
      ("cds_ingress_demo_unicorn-v1_http_8080", "unicorn-v1"),
      ("cds_egress_demo_unicorn-v1_http_8080", "swan"),
    ] {
      lines.append("envoy.cluster.\(cluster).upstream_rq_total:\(requests)|c\(tagged(node))")
      if errors > 0 {
        lines.append("envoy.cluster.\(cluster).upstream_rq_5xx:\(errors)|c\(tagged(node))")
      }
      lines.append(
        "envoy.cluster.\(cluster).upstream_rq_time:\(latencyMillis)|ms\(rate)\(tagged(node))")
    }
    lines.append("sidecarlab.container.cpu_percent:12.5|g|#container_name:unicorn-v1-a,task:t1")
    lines.append(
      "sidecarlab.container.memory_rss_bytes:52428800|g|#container_name:unicorn-v1-a,task:t1")
    return lines.joined(separator: "\n")
  }

  /// A learner's browser cookie header value.
  static func cookie(_ browser: Browser) -> String {
    browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
  }
}

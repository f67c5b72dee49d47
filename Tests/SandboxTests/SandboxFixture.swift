import Foundation
import Glibc
import Testing

@testable import Sandbox

/// A fresh agent on a temporary root, with the sidecarlab launcher built next to the tests.
struct SandboxFixture {
  let root: String
  let agent: SandboxAgent
  let sink: RingLogSink

  /// `swift build --build-tests` puts `sidecarlab` beside the test bundle.
  static var executable: String {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    var candidate = folder
    while candidate.path != "/" {
      let path = candidate.appendingPathComponent("sidecarlab").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
      candidate.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("sidecarlab").path
  }

  static func makeRoot() -> String {
    var template = Array("/tmp/sandbox-tests-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer {
      String(cString: mkdtemp($0.baseAddress!)!)
    }
    chmod(path, 0o755)
    return path
  }

  static func make(root: String = makeRoot(), idleTimeoutMillis: UInt64? = nil) throws
    -> SandboxFixture
  {
    var configuration = SandboxAgent.Configuration(root: root, executable: executable)
    configuration.stopGraceMillis = 1000
    configuration.sampleIntervalMillis = 200
    configuration.idleTimeoutMillis = idleTimeoutMillis
    let sink = RingLogSink()
    configuration.logSink = sink
    return SandboxFixture(
      root: root, agent: try SandboxAgent(configuration: configuration), sink: sink)
  }

  /// Shuts the agent down (stopping every sandbox) and removes the root folder.
  func tearDown() {
    agent.shutdown()
    try? FileManager.default.removeItem(atPath: root)
  }

  /// A one-container task definition.
  static func task(_ containers: ContainerDefinition...) -> TaskDefinition {
    TaskDefinition(family: "test", revision: 1, containers: containers)
  }

  static func shell(
    _ name: String, _ script: String, restart: RestartPolicy = RestartPolicy(mode: .never),
    limits: ResourceLimits = ResourceLimits()
  ) -> ContainerDefinition {
    ContainerDefinition(
      name: name, command: ["/bin/sh", "-c", script], restartPolicy: restart, limits: limits)
  }

  /// A python http.server on its `http` port with a fast health check.
  static func web(_ name: String, restart: RestartPolicy = RestartPolicy(mode: .onFailure))
    -> ContainerDefinition
  {
    ContainerDefinition(
      name: name, command: ["python3", "-m", "http.server", "--bind", "127.0.0.1", "{port:http}"],
      ports: ["http"],
      healthCheck: HealthCheckDefinition(
        path: "/", port: "http", intervalMillis: 200, timeoutMillis: 300, healthyThreshold: 1,
        unhealthyThreshold: 2,
        startPeriodMillis: 10_000),
      restartPolicy: restart)
  }

  /// Live (non-zombie) processes whose process group is `group`.
  static func members(ofGroup group: Int32) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
      return []
    }
    return entries.compactMap(Int32.init).filter { pid in
      guard let stat = ProcStat.read(pid: pid) else { return false }
      return stat.processGroup == group && stat.state != UInt8(ascii: "Z")
    }
  }

  /// Waits up to `timeoutMillis` for `condition`, checking every 20 ms.
  static func eventually(timeoutMillis: UInt64 = 10_000, _ condition: () -> Bool) -> Bool {
    let deadline = AgentClock.monotonicMillis() + timeoutMillis
    while AgentClock.monotonicMillis() < deadline {
      if condition() { return true }
      usleep(20_000)
    }
    return condition()
  }

  func wait(_ id: String, timeoutMillis: UInt64 = 15_000, _ condition: (SandboxStatus) -> Bool)
    -> Bool
  {
    agent.waitUntil(sandboxID: id, timeoutMillis: timeoutMillis, condition)
  }
}

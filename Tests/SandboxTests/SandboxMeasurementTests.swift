import Foundation
import Glibc
import Testing

@testable import Sandbox

/// Numbers for the report, run on request only: `SANDBOX_MEASURE=1 swift test --filter SandboxMeasurementTests`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SANDBOX_MEASURE"] != nil))
struct SandboxMeasurementTests {
  private func medianStartMillis(_ definition: TaskDefinition, runs: Int) throws -> Double {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    var times: [Double] = []
    for run in 0..<runs {
      let id = "m\(run)"
      let start = AgentClock.monotonicMillis()
      try fixture.agent.start(sandboxID: id, definition: definition)
      #expect(fixture.wait(id, timeoutMillis: 20_000) { $0.allHealthy })
      times.append(Double(AgentClock.monotonicMillis() - start))
      try fixture.agent.stop(sandboxID: id)
    }
    return times.sorted()[times.count / 2]
  }

  @Test func startToHealthy_fourProcesses() throws {
    let sleepers = (1...4).map { SandboxFixture.shell("s\($0)", "exec sleep 100") }
    let webs = (1...4).map { SandboxFixture.web("w\($0)") }
    let sleepMedian = try medianStartMillis(
      TaskDefinition(family: "m", revision: 1, containers: sleepers), runs: 10)
    let webMedian = try medianStartMillis(
      TaskDefinition(family: "m", revision: 1, containers: webs), runs: 5)
    print("MEASURE start→running, 4 × sleep via sandbox-exec: median \(sleepMedian) ms")
    print("MEASURE start→healthy, 4 × python http.server: median \(webMedian) ms")
    #expect(sleepMedian > 0)
  }

  @Test func demoTask_becomesHealthy() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let start = AgentClock.monotonicMillis()
    try fixture.agent.start(sandboxID: "demo")
    let healthy = fixture.wait("demo", timeoutMillis: 20_000) { $0.allHealthy }
    print(
      "MEASURE demo task start→healthy: \(AgentClock.monotonicMillis() - start) ms, healthy: \(healthy)"
    )
    for process in fixture.agent.status(sandboxID: "demo")?.processes ?? [] {
      print("MEASURE demo \(process.name): \(process.state) \(process.lastExit?.reason ?? "")")
    }
    #expect(healthy)
    #expect(fixture.agent.controlEndpoint(sandboxID: "demo", container: "swan")?.token.count == 32)
  }

  @Test func idleAgentCPU_fiftySandboxes() throws {
    let root = SandboxFixture.makeRoot()
    var configuration = SandboxAgent.Configuration(
      root: root, executable: SandboxFixture.executable)
    configuration.stopGraceMillis = 1000
    let agent = try SandboxAgent(configuration: configuration)
    defer {
      agent.shutdown()
      try? FileManager.default.removeItem(atPath: root)
    }
    for index in 0..<50 {
      let containers = (0..<(1 + index % 2)).map {
        SandboxFixture.shell("s\($0)", "exec sleep 300")
      }
      try agent.start(
        sandboxID: "idle\(index)",
        definition: TaskDefinition(family: "m", revision: 1, containers: containers))
    }
    for index in 0..<50 {
      #expect(agent.waitUntil(sandboxID: "idle\(index)", timeoutMillis: 20_000) { $0.allHealthy })
    }
    let before = ProcStat.read(pid: getpid())!.cpuTicks
    let started = AgentClock.monotonicMillis()
    sleep(10)
    let ticks = ProcStat.read(pid: getpid())!.cpuTicks - before
    let seconds = Double(AgentClock.monotonicMillis() - started) / 1000
    let percent = Double(ticks) / Double(ProcStat.ticksPerSecond) / seconds * 100
    print(
      "MEASURE agent CPU, 50 idle sandboxes (75 sleep processes): \(percent) % of one core over \(seconds) s"
    )
    #expect(percent < 5)
  }
}

import Foundation
import Glibc
import Testing

@testable import Sandbox

/// Real processes under a real agent; serialized so timing stays predictable on small machines.
@Suite(.serialized) struct SandboxAgentTests {
  @Test func start_becomesHealthyThenStopLeavesNothing() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let sleeper = SandboxFixture.shell("sleeper", "sleep 100 & sleep 100 & wait")
    try fixture.agent.start(
      sandboxID: "one", definition: SandboxFixture.task(SandboxFixture.web("web"), sleeper))
    #expect(fixture.wait("one") { $0.allHealthy })
    let status = try #require(fixture.agent.status(sandboxID: "one"))
    #expect(status.process("web")?.state == .healthy)
    #expect(status.process("sleeper")?.state == .running)
    let groups = status.processes.compactMap(\.pid)
    #expect(groups.count == 2)
    #expect(SandboxFixture.eventually { SandboxFixture.members(ofGroup: groups[1]).count == 3 })
    try fixture.agent.stop(sandboxID: "one")
    #expect(fixture.agent.status(sandboxID: "one")?.phase == .stopped)
    for group in groups { #expect(SandboxFixture.members(ofGroup: group).isEmpty) }
    #expect(!FileManager.default.fileExists(atPath: "\(fixture.root)/one/pids"))
  }

  @Test func exit_codeRecordedAndRestartedWithBackoff() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let policy = RestartPolicy(mode: .onFailure, backoffBaseMillis: 100, crashLoopFailures: 50)
    try fixture.agent.start(
      sandboxID: "exit",
      definition: SandboxFixture.task(
        SandboxFixture.shell("crash", "echo bye >&2; exit 3", restart: policy)))
    #expect(fixture.wait("exit") { ($0.process("crash")?.restarts ?? 0) >= 3 })
    let crash = try #require(fixture.agent.status(sandboxID: "exit")?.process("crash"))
    #expect(crash.lastExit?.code == 3)
    #expect(crash.lastExit?.reason == "exit 3: last error output: bye")
  }

  @Test func exit_quickFailuresEndInCrashLoop() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let policy = RestartPolicy(
      mode: .always, backoffBaseMillis: 20, crashLoopFailures: 3, crashLoopWindowSeconds: 30)
    try fixture.agent.start(
      sandboxID: "loop",
      definition: SandboxFixture.task(
        SandboxFixture.shell("crash", "exit 1", restart: policy)))
    #expect(fixture.wait("loop") { $0.process("crash")?.state == .crashLoop })
    let first = try #require(fixture.agent.status(sandboxID: "loop")?.process("crash"))
    #expect(first.restarts == 2)
    let firstExit = try #require(first.lastExit?.timeMillis)
    // Starting the sandbox again resets the crash loop: the process runs (and fails) again.
    try fixture.agent.start(sandboxID: "loop")
    #expect(fixture.wait("loop") { ($0.process("crash")?.lastExit?.timeMillis ?? 0) > firstExit })
  }

  @Test func limits_addressSpaceStopsARunawayAllocation() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    var container = SandboxFixture.shell("hog", "", limits: ResourceLimits(addressSpaceMB: 200))
    container.command = ["python3", "-c", "x = bytearray(10**9)"]
    try fixture.agent.start(sandboxID: "oom", definition: SandboxFixture.task(container))
    #expect(fixture.wait("oom") { $0.process("hog")?.lastExit != nil })
    let exit = try #require(fixture.agent.status(sandboxID: "oom")?.process("hog")?.lastExit)
    #expect(exit.code == 1)
    #expect(exit.reason.contains("allocation failed under the memory limit (200 MB address space)"))
    #expect(exit.reason.contains("MemoryError"))
  }

  @Test func limits_processCountContainsAForkLoop() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let script = """
      import os, sys, time
      count = 0
      try:
          while count < 200:
              if os.fork() == 0:
                  time.sleep(100)
                  os._exit(0)
              count += 1
      except OSError as error:
          print(f"forked {count} then {error.strerror}", flush=True)
      time.sleep(100)
      """
    var container = SandboxFixture.shell("bomb", "", limits: ResourceLimits(processes: 20))
    container.command = ["python3", "-c", script]
    try fixture.agent.start(sandboxID: "bomb", definition: SandboxFixture.task(container))
    var report: String?
    #expect(
      SandboxFixture.eventually {
        report =
          fixture.sink.recent(sandboxID: "bomb", container: "bomb", limit: 5).first {
            $0.text.hasPrefix("forked")
          }?.text
        return report != nil
      })
    let count = Int(report?.split(separator: " ")[1] ?? "") ?? 999
    #expect(count < 20)
    let group = try #require(fixture.agent.status(sandboxID: "bomb")?.process("bomb")?.pid)
    #expect(SandboxFixture.members(ofGroup: group).count == count + 1)
    try fixture.agent.stop(sandboxID: "bomb")
    #expect(
      SandboxFixture.eventually(timeoutMillis: 3000) {
        SandboxFixture.members(ofGroup: group).isEmpty
      })
  }

  @Test func freeze_failsHealthAndThawRecovers() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    try fixture.agent.start(
      sandboxID: "ice", definition: SandboxFixture.task(SandboxFixture.web("web")))
    #expect(fixture.wait("ice") { $0.allHealthy })
    let pid = fixture.agent.status(sandboxID: "ice")?.process("web")?.pid
    try fixture.agent.freeze(sandboxID: "ice", container: "web")
    #expect(fixture.wait("ice") { $0.process("web")?.health == .unhealthy })
    #expect(fixture.agent.status(sandboxID: "ice")?.process("web")?.state == .frozen)
    try fixture.agent.thaw(sandboxID: "ice", container: "web")
    #expect(fixture.wait("ice") { $0.process("web")?.state == .healthy })
    #expect(fixture.agent.status(sandboxID: "ice")?.process("web")?.pid == pid)
  }

  @Test func health_failingChecksReplaceTheProcess() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    var web = SandboxFixture.web("web")
    web.command = [
      "/bin/sh", "-c", "touch ok && exec python3 -m http.server --bind 127.0.0.1 {port:http}",
    ]
    web.healthCheck?.path = "/ok"
    web.restartPolicy = RestartPolicy(mode: .onFailure, backoffBaseMillis: 50)
    try fixture.agent.start(sandboxID: "sick", definition: SandboxFixture.task(web))
    #expect(fixture.wait("sick") { $0.allHealthy })
    let status = try #require(fixture.agent.status(sandboxID: "sick"))
    #expect(unlink("\(status.directory)/web/ok") == 0)
    #expect(fixture.wait("sick") { $0.process("web")?.restarts == 1 && $0.allHealthy })
    let exit = try #require(fixture.agent.status(sandboxID: "sick")?.process("web")?.lastExit)
    #expect(
      exit.reason
        == "exit 143: killed by SIGTERM (replaced by the agent after 2 failed health checks)")
  }

  @Test func kill9OfAProcessDisturbsNothingElse() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let policy = RestartPolicy(mode: .onFailure, backoffBaseMillis: 50)
    try fixture.agent.start(
      sandboxID: "k",
      definition: SandboxFixture.task(
        SandboxFixture.shell("victim", "sleep 100", restart: policy),
        SandboxFixture.shell("bystander", "sleep 100")))
    #expect(fixture.wait("k") { $0.processes.allSatisfy { $0.pid != nil } })
    let before = try #require(fixture.agent.status(sandboxID: "k"))
    let victim = try #require(before.process("victim")?.pid)
    Glibc.kill(victim, SIGKILL)
    #expect(
      fixture.wait("k") { $0.process("victim")?.restarts == 1 && $0.process("victim")?.pid != nil })
    let after = try #require(fixture.agent.status(sandboxID: "k"))
    #expect(after.process("victim")?.lastExit?.reason == "exit 137: killed by SIGKILL")
    #expect(after.process("bystander")?.pid == before.process("bystander")?.pid)
    try fixture.agent.kill(sandboxID: "k", container: "bystander", signal: .SIGTERM)
    #expect(fixture.wait("k") { $0.process("bystander")?.state == .stopped })
    #expect(
      fixture.agent.status(sandboxID: "k")?.process("bystander")?.lastExit?.reason
        == "exit 143: killed by SIGTERM (SIGTERM sent by the agent's kill fault)")
  }

  @Test func twoSandboxesGetDisjointPortsAndFolders() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    var container = SandboxFixture.shell("a", "sleep 100")
    container.ports = ["one", "two"]
    try fixture.agent.start(sandboxID: "left", definition: SandboxFixture.task(container))
    try fixture.agent.start(sandboxID: "right", definition: SandboxFixture.task(container))
    #expect(fixture.wait("left") { $0.process("a")?.pid != nil })
    #expect(fixture.wait("right") { $0.process("a")?.pid != nil })
    let left = try #require(fixture.agent.status(sandboxID: "left"))
    let right = try #require(fixture.agent.status(sandboxID: "right"))
    #expect(Set(left.processes[0].ports.values).isDisjoint(with: right.processes[0].ports.values))
    #expect(left.directory != right.directory)
    #expect(FileManager.default.fileExists(atPath: "\(left.directory)/a"))
    let ports = Set(left.processes[0].ports.values)
    try fixture.agent.stop(sandboxID: "left")
    #expect(fixture.agent.configuration.ports.held.isDisjoint(with: ports))
  }

  @Test func logs_capturedPerStreamInOrderAndLongLineSplit() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    let script =
      "for i in 1 2 3; do echo out$i; echo err$i >&2; done; head -c 102400 /dev/zero | tr '\\0' x; echo; echo end"
    try fixture.agent.start(
      sandboxID: "logs", definition: SandboxFixture.task(SandboxFixture.shell("talk", script)))
    #expect(fixture.wait("logs") { $0.process("talk")?.state == .stopped })
    let lines = fixture.sink.recent(sandboxID: "logs", container: "talk", limit: 100)
    #expect(lines.filter { $0.stream == .stderr }.map(\.text) == ["err1", "err2", "err3"])
    let out = lines.filter { $0.stream == .stdout }
    #expect(out.prefix(3).map(\.text) == ["out1", "out2", "out3"])
    let pieces = out.dropFirst(3).dropLast()
    #expect(
      pieces.map(\.text.utf8.count) == [16_384, 16_384, 16_384, 16_384, 16_384, 16_384, 4_096])
    #expect(pieces.allSatisfy { $0.text.utf8.allSatisfy { $0 == UInt8(ascii: "x") } })
    #expect(pieces.map(\.continues) == [true, true, true, true, true, true, false])
    #expect(out.last?.text == "end")
  }

  @Test func setIdleTimeout_stopsThatSandboxOnlyAndLastsUntilItsNextStart() throws {
    let fixture = try SandboxFixture.make()
    defer { fixture.tearDown() }
    for id in ["quiet", "busy"] {
      try fixture.agent.start(
        sandboxID: id, definition: SandboxFixture.task(SandboxFixture.shell("a", "sleep 100")))
    }
    #expect(fixture.wait("busy") { $0.phase == .running && $0.process("a")?.pid != nil })
    #expect(fixture.agent.idleTimeout(sandboxID: "quiet") == nil)
    fixture.agent.setIdleTimeout(sandboxID: "quiet", millis: 200)
    #expect(fixture.agent.idleTimeout(sandboxID: "quiet") == 200)
    #expect(fixture.wait("quiet") { $0.phase == .stopped })
    #expect(fixture.agent.status(sandboxID: "busy")?.phase == .running)
    try fixture.agent.start(
      sandboxID: "quiet", definition: SandboxFixture.task(SandboxFixture.shell("a", "sleep 100")))
    #expect(fixture.agent.idleTimeout(sandboxID: "quiet") == nil)
  }

  @Test func idleSandboxStopsAndStartsAgain() throws {
    let fixture = try SandboxFixture.make(idleTimeoutMillis: 300)
    defer { fixture.tearDown() }
    try fixture.agent.start(
      sandboxID: "idle", definition: SandboxFixture.task(SandboxFixture.shell("a", "sleep 100")))
    #expect(fixture.wait("idle") { $0.phase == .stopped })
    try fixture.agent.start(
      sandboxID: "idle", definition: SandboxFixture.task(SandboxFixture.shell("a", "sleep 100")))
    #expect(fixture.wait("idle") { $0.phase == .running && $0.process("a")?.pid != nil })
  }
}

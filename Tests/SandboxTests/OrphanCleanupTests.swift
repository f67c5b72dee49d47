import Foundation
import Glibc
import Testing

@testable import Sandbox

@Suite(.serialized) struct OrphanCleanupTests {
  /// Spawns `sleep 100` in its own process group, as a crashed agent would have left it.
  private func spawnOrphan() throws -> pid_t {
    let null = open("/dev/null", O_WRONLY | O_CLOEXEC)
    defer { close(null) }
    return try ProcessSpawner.spawn(
      path: "/bin/sleep", arguments: ["100"], environment: [], stdout: null, stderr: null)
  }

  private func writePids(_ root: String, _ record: PidRecord) {
    mkdir("\(root)/crashed", 0o755)
    PidRecord.write([record], to: "\(root)/crashed/pids")
  }

  @Test func agentStart_killsRecordedOrphanGroup() throws {
    let root = SandboxFixture.makeRoot()
    let orphan = try spawnOrphan()
    defer {
      Glibc.kill(orphan, SIGKILL)
      var status: Int32 = 0
      waitpid(orphan, &status, 0)
    }
    let ticks = try #require(ProcStat.read(pid: orphan)?.startTicks)
    writePids(root, PidRecord(pid: orphan, processGroup: orphan, startTicks: ticks))
    let fixture = try SandboxFixture.make(root: root)
    defer { fixture.tearDown() }
    #expect(fixture.agent.orphansKilled == 1)
    var status: Int32 = 0
    #expect(waitpid(orphan, &status, 0) == orphan)
    #expect(status & 0x7F == SIGKILL)
    #expect(!FileManager.default.fileExists(atPath: "\(root)/crashed/pids"))
  }

  @Test func agentStart_sparesARecycledPid() throws {
    let root = SandboxFixture.makeRoot()
    let stranger = try spawnOrphan()
    defer {
      Glibc.kill(stranger, SIGKILL)
      var status: Int32 = 0
      waitpid(stranger, &status, 0)
    }
    let ticks = try #require(ProcStat.read(pid: stranger)?.startTicks)
    writePids(root, PidRecord(pid: stranger, processGroup: stranger, startTicks: ticks &- 1))
    let fixture = try SandboxFixture.make(root: root)
    defer { fixture.tearDown() }
    #expect(fixture.agent.orphansKilled == 0)
    #expect(ProcStat.read(pid: stranger)?.state != UInt8(ascii: "Z"))
    #expect(Glibc.kill(stranger, 0) == 0)
  }
}

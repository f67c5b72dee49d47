import Foundation
import Testing
import Wire

@testable import Web

/// The two faults whose effect is the agent's reaction: a memory leak that the address-space
/// limit ends (and the exit reason says so), and a failing health check that gets the
/// process replaced — both with the real demo app under the real agent, through the API.
@Suite struct SandboxFaultEffectTests {
  @Test func memoryLeak_isKilledByTheLimit_andFailingHealth_isReplaced() async throws {
    try await SandboxWebFixture.with { fixture in
      let kim = try await SandboxWebFixture.learner(fixture, name: "Kim")
      #expect(try await fixture.api(.post, "/api/v1/sandbox", bearer: kim.token).status == 202)
      func process(_ name: String) async throws -> [String: Any]? {
        let status = try await fixture.api(.get, "/api/v1/sandbox", bearer: kim.token).object
        return SandboxWebFixture.process(name, in: status)
      }
      try await SandboxWebFixture.waitUntil("every process is healthy", seconds: 20) {
        try await fixture.api(.get, "/api/v1/sandbox", bearer: kim.token).object["allHealthy"]
          as? Bool == true
      }

      // 256 MB/s against the demo's 1024 MB address-space limit: over within seconds.
      let leak = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"memory-leak","target":"unicorn-v2","params":{"mb_per_second":256}}"#,
        bearer: kim.token)
      #expect(leak.status == 201)
      var reason = ""
      try await SandboxWebFixture.waitUntil("unicorn-v2 ends at its memory limit", seconds: 30) {
        let unicorn = try await process("unicorn-v2")
        reason = (unicorn?["lastExit"] as? [String: Any])?["reason"] as? String ?? ""
        return (unicorn?["restarts"] as? Int ?? 0) >= 1 && !reason.isEmpty
      }
      #expect(reason.contains("memory limit"), "\(reason)")

      // A failing health check makes the agent replace the process; the new one is healthy.
      let failing = try await fixture.api(
        .post, "/api/v1/faults",
        json: #"{"kind":"failing-health","target":"unicorn-v1-b","params":{}}"#, bearer: kim.token)
      #expect(failing.status == 201)
      try await SandboxWebFixture.waitUntil(
        "unicorn-v1-b is replaced and healthy again", seconds: 40
      ) {
        let unicorn = try await process("unicorn-v1-b")
        return (unicorn?["restarts"] as? Int ?? 0) >= 1
          && unicorn?["health"] as? String == "healthy"
      }
    }
  }
}

import Foundation
import Testing

@testable import Web

/// The instructor's sandbox actions on a real sandbox (issue #5 item 3): reset, extend, stop.
@Suite(.serialized) struct InstructorSandboxTests {
  @Test func sandboxActions_resetExtendAndStopTheLearnersSandbox() async throws {
    try await SandboxWebFixture.with { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (token, learnerID) = try await SandboxWebFixture.learner(fixture, name: "Ann")
      let id = Int64(learnerID)
      let page = "/instructor/learners/\(id)"
      let csrf = try await instructor.get(page).csrf ?? ""
      let missing = try await instructor.post(page + "/sandbox/stop", [("csrf", csrf)])
      #expect(missing.status == 404)
      let reset = try await instructor.post(page + "/sandbox/reset", [("csrf", csrf)])
      #expect(reset.status == 303)
      #expect(reset.location == page + "?done=reset")
      let agent = try #require(fixture.app.sandboxAgent)
      let sandboxID = SandboxService.sandboxID(learnerID: id)
      #expect(agent.status(sandboxID: sandboxID, logLines: 0)?.phase == .running)
      let extended = try await instructor.post(page + "/sandbox/extend", [("csrf", csrf)])
      #expect(extended.status == 303)
      let stopped = try await instructor.post(page + "/sandbox/stop", [("csrf", csrf)])
      #expect(stopped.status == 303)
      #expect(agent.status(sandboxID: sandboxID, logLines: 0)?.phase == .stopped)
      let timeline = try await instructor.get(page)
      for sentence in [
        "Grace: reset the sandbox", "Grace: extended the sandbox by 30 idle minutes",
        "Grace: stopped the sandbox",
      ] {
        #expect(timeline.text.contains(sentence), "\(sentence)")
      }
      #expect(timeline.text.contains("Their sandbox (read-only)"))
      #expect(!timeline.text.contains("action=\"/sandbox/"))
      #expect(try InstructorSupport.audit(fixture, action: "learner.reset").count == 1)
      // The learner's own start and stop go on the timeline too, and a start gives the sandbox
      // the event's idle-stop time.
      let event = fixture.app.accounts.defaultEvent
      let eventCSRF = try await instructor.get("/instructor/events/\(event.id)").csrf ?? ""
      let edited = try await instructor.post(
        "/instructor/events/\(event.id)",
        InstructorEventTests.fields(eventCSRF, name: event.name, code: event.code, idle: "7"))
      #expect(edited.status == 303)
      #expect(try await fixture.api(.post, "/api/v1/sandbox", bearer: token).status == 202)
      #expect(agent.idleTimeout(sandboxID: sandboxID) == 7 * 60_000)
      #expect(try await fixture.api(.delete, "/api/v1/sandbox", bearer: token).status == 204)
      let after = try await instructor.get(page)
      #expect(after.text.contains("Started the sandbox"))
      #expect(after.text.contains("Stopped the sandbox"))
    }
  }
}

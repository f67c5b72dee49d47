import Foundation
import Testing

@testable import Web

@Suite struct InstructorLearnerTests {
  static let lab = ProgressSamples.labID

  @Test func learnerPage_timelineShowsWhatTheLearnerDid() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let app = fixture.app
      _ = try app.progress.openLab(learnerID: ann, labID: Self.lab)
      // Without a sandbox the check is pending; the timeline shows that too.
      try app.progress.check(
        learnerID: ann, labID: Self.lab, stepID: "start-the-sandbox", requestedByLearner: true)
      _ = try app.progress.history.record(
        learnerID: ann, kind: "latency", target: "swan", params: "{}",
        at: fixture.clock.now.timeIntervalSince1970, instantaneous: false)
      try InstructorBoardTests.complete(fixture, ann, "start-the-sandbox", next: "break-it")
      try InstructorBoardTests.complete(fixture, ann, "break-it", next: "answer-it")
      _ = try app.progress.answer(
        learnerID: ann, labID: Self.lab, stepID: "answer-it", text: "<i>SIGTERM</i>")
      _ = try app.progress.answer(
        learnerID: ann, labID: Self.lab, stepID: "answer-it", text: "SIGKILL")
      app.recordLearnerActivity(
        learnerID: ann, kind: "sandbox.started", detail: "Started the sandbox")
      let page = try await instructor.get("/instructor/learners/\(ann)")
      #expect(page.status == 200)
      for text in [
        "Joined the event", "Started “Start the sandbox”", "Check 1 of “Start the sandbox” pending",
        "Triggered latency on swan", "Completed “Break it”",
        "Answered “&lt;i&gt;SIGTERM&lt;/i&gt;” on “Answer it”: wrong",
        "Answered “SIGKILL” on “Answer it”: right", "Started the sandbox",
        "Their sandbox (read-only)",
      ] {
        #expect(page.text.contains(text), "\(text)")
      }
      #expect(!page.text.contains("<i>SIGTERM"))
      #expect(try await instructor.get("/instructor/learners/99999").status == 404)
      #expect(try await instructor.get("/instructor/learners/abc").status == 404)
    }
  }

  @Test func message_learnerSeesItOnTheNextPageAndLive() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (learner, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let cookie = learner.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
      let stream = try LabPageStream(
        fixture.server.address, path: "/messages/events", cookie: cookie)
      let page = try await instructor.get("/instructor/learners/\(ann)")
      let sent = try await instructor.post(
        "/instructor/learners/\(ann)/messages",
        [("csrf", page.csrf ?? ""), ("text", "Look at <unicorn>'s log")])
      #expect(sent.status == 303)
      #expect(sent.location == "/instructor/learners/\(ann)?done=message")
      #expect(await stream.waitFor("data: From Grace: Look at <unicorn>'s log"))
      let messages = try await learner.get("/messages")
      #expect(
        messages.text.contains("From Grace: Look at &lt;unicorn&gt;&#39;s log")
          || messages.text.contains("From Grace: Look at &lt;unicorn&gt;&#x27;s log"))
      let second = try await instructor.post(
        "/instructor/learners/\(ann)/messages", [("csrf", page.csrf ?? ""), ("text", "Well done")])
      #expect(second.status == 303)
      let token = try #require(Token(learner.cookies[Credential.cookieName] ?? ""))
      let visitor = try #require(
        try fixture.app.visitor(Credential(token: token, source: .cookie)))
      let notice = fixture.app.messageNotice(for: visitor)
      // The live stream may have delivered it first; either way it is seen exactly once.
      #expect(
        notice.contains("From Grace: Well done") != stream.text.contains("From Grace: Well done"))
      #expect(!fixture.app.messageNotice(for: visitor).contains("Well done"))
      let timeline = try await instructor.get("/instructor/learners/\(ann)")
      #expect(timeline.text.contains("Grace: sent a message: Well done"))
      #expect(try InstructorSupport.audit(fixture, action: "learner.message").count == 2)
    }
  }

  @Test func message_shownOnceOnTheLearnersNextPage() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (learner, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let page = try await instructor.get("/instructor/learners/\(ann)")
      let sent = try await instructor.post(
        "/instructor/learners/\(ann)/messages",
        [("csrf", page.csrf ?? ""), ("text", "Try <b>the logs</b>")])
      #expect(sent.status == 303)
      let next = try await learner.get("/labs")
      #expect(next.text.contains("From your instructor"))
      #expect(next.text.contains("Try &lt;b&gt;the logs&lt;/b&gt;"))
      #expect(!next.text.contains("<b>the logs"))
      #expect(!(try await learner.get("/labs")).text.contains("Try &lt;b&gt;the logs"))
    }
  }

  @Test func message_emptyOrHugeIsRefused() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try await instructor.get("/instructor/learners/\(ann)").csrf ?? ""
      let empty = try await instructor.post(
        "/instructor/learners/\(ann)/messages", [("csrf", csrf), ("text", "   ")])
      #expect(empty.status == 400)
      #expect(empty.text.contains("message must not be empty"))
      let huge = try await instructor.post(
        "/instructor/learners/\(ann)/messages",
        [("csrf", csrf), ("text", String(repeating: "x", count: 1001))])
      #expect(huge.status == 400)
      #expect(try LearnerMessageStore(database: fixture.app.database).list(learnerID: ann).isEmpty)
      #expect(try InstructorSupport.audit(fixture, action: "learner.message").isEmpty)
    }
  }

  @Test func solver_allowedForOneStepOnlyWhenTheEventAllowsIt() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try await instructor.get("/instructor/learners/\(ann)").csrf ?? ""
      let allowed = try await instructor.post(
        "/instructor/learners/\(ann)/solver", [("csrf", csrf), ("step", "\(Self.lab)/break-it")])
      #expect(allowed.status == 303)
      let steps = try fixture.app.progress.store.steps(learnerID: ann, lab: Self.lab)
      #expect(steps["break-it"]?.allowSolver == true)
      #expect(steps["answer-it"]?.allowSolver != true)
      let unknown = try await instructor.post(
        "/instructor/learners/\(ann)/solver", [("csrf", csrf), ("step", "\(Self.lab)/nope")])
      #expect(unknown.status == 404)
      let store = EventStore(database: fixture.app.database)
      var event = try #require(try store.event(fixture.app.accounts.defaultEvent.id))
      event.solverAllowed = false
      _ = try store.save(event, actor: "test", now: fixture.clock.now)
      let refused = try await instructor.post(
        "/instructor/learners/\(ann)/solver", [("csrf", csrf), ("step", "\(Self.lab)/answer-it")])
      #expect(refused.status == 403)
      #expect(refused.text.contains("this event does not allow the solver"))
      #expect(try InstructorSupport.audit(fixture, action: "learner.solver").count == 1)
    }
  }

  @Test func sandboxActions_answer503WithoutSandboxes() async throws {
    try await InstructorBoardTests.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      let csrf = try await instructor.get("/instructor/learners/\(ann)").csrf ?? ""
      for action in ["reset", "stop", "extend"] {
        let page = try await instructor.post(
          "/instructor/learners/\(ann)/sandbox/\(action)", [("csrf", csrf)])
        #expect(page.status == 503, "\(action)")
        #expect(page.text.contains("sandboxes are not enabled"), "\(action)")
      }
    }
  }
}

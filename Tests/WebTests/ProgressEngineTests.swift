import Foundation
import Testing
import Wire

@testable import Web

@Suite struct ProgressEngineTests {
  private let lab = ProgressSamples.labID

  /// Runs `body` with a fresh fixture and always removes it.
  private func withFixture(_ body: (ProgressFixture) async throws -> Void) async throws {
    let fixture = try ProgressFixture.make()
    defer { fixture.remove() }
    try await body(fixture)
  }

  @Test func servableLabs_skipsLabsWithProblems() async throws {
    try await withFixture { fixture in
      #expect(fixture.engine.labs.map(\.id) == [lab])
      #expect(throws: HTTPError.self) { try fixture.engine.lab("02-broken") }
    }
  }

  @Test func openLab_startsTheFirstStepOnce() async throws {
    try await withFixture { fixture in
      let opened = try fixture.engine.openLab(learnerID: fixture.learnerID, labID: lab)
      #expect(opened.currentStep?.id == "start-the-sandbox")
      let started = opened.steps["start-the-sandbox"]?.startedAt
      fixture.clock.advance(by: 60)
      _ = try fixture.engine.openLab(learnerID: fixture.learnerID, labID: lab)
      #expect(try fixture.progress().steps["start-the-sandbox"]?.startedAt == started)
    }
  }

  @Test func check_refusesStepsNotStarted() async throws {
    try await withFixture { fixture in
      _ = try fixture.engine.openLab(learnerID: fixture.learnerID, labID: lab)
      let error = #expect(throws: HTTPError.self) {
        try fixture.engine.check(
          learnerID: fixture.learnerID, labID: lab, stepID: "break-it", requestedByLearner: true)
      }
      #expect(error?.status == .conflict)
    }
  }

  @Test func check_completesSandboxStepFromLiveStatusAndCountsAttempts() async throws {
    try await withFixture { fixture in
      let engine = fixture.engine
      _ = try engine.openLab(learnerID: fixture.learnerID, labID: lab)
      var progress = try engine.check(
        learnerID: fixture.learnerID, labID: lab, stepID: "start-the-sandbox",
        requestedByLearner: true)
      #expect(progress.results["start-the-sandbox"]?.first?.reason == "start your sandbox first")
      #expect(progress.steps["start-the-sandbox"]?.attempts == 1)
      fixture.statuses.set(try ProgressSamples.status())
      progress = try engine.check(
        learnerID: fixture.learnerID, labID: lab, stepID: "start-the-sandbox",
        requestedByLearner: true)
      #expect(progress.state(of: progress.lab.steps[0]) == "done")
      #expect(progress.steps["start-the-sandbox"]?.attempts == 1)
      #expect(progress.currentStep?.id == "break-it")
    }
  }

  @Test func check_faultStepNeedsAFaultSinceItStarted() async throws {
    try await withFixture { fixture in
      let (engine, learner) = (fixture.engine, fixture.learnerID)
      fixture.statuses.set(try ProgressSamples.status())
      _ = try engine.openLab(learnerID: learner, labID: lab)
      _ = try FaultHistory(database: fixture.database).record(
        learnerID: learner, kind: "latency", target: "swan", params: "{}",
        at: fixture.clock.now.timeIntervalSince1970, instantaneous: false)
      fixture.clock.advance(by: 1)
      try engine.check(
        learnerID: learner, labID: lab, stepID: "start-the-sandbox", requestedByLearner: false)
      var progress = try engine.check(
        learnerID: learner, labID: lab, stepID: "break-it", requestedByLearner: false)
      #expect(progress.currentStep?.id == "break-it")
      #expect(progress.steps["break-it"]?.attempts == 0)
      _ = try FaultHistory(database: fixture.database).record(
        learnerID: learner, kind: "latency", target: "swan", params: "{}",
        at: fixture.clock.now.timeIntervalSince1970, instantaneous: false)
      progress = try engine.check(
        learnerID: learner, labID: lab, stepID: "break-it", requestedByLearner: false)
      #expect(progress.currentStep?.id == "answer-it")
    }
  }

  @Test func answer_wrongCountsAttemptRightCompletesTheLab() async throws {
    try await withFixture { fixture in
      let (engine, learner) = (fixture.engine, fixture.learnerID)
      try walkToAnswerStep(fixture)
      #expect(
        try !engine.answer(learnerID: learner, labID: lab, stepID: "answer-it", text: "SIGTERM"))
      #expect(try fixture.progress().steps["answer-it"]?.attempts == 1)
      #expect(
        try engine.answer(learnerID: learner, labID: lab, stepID: "answer-it", text: "SIGKILL"))
      let progress = try fixture.progress()
      #expect(progress.stepsDone == 3)
      #expect(progress.steps["answer-it"]?.attempts == 1)
      #expect(try fixture.engine.store.openLabs(after: 0, limit: 10).isEmpty)
      _ = try engine.openLab(learnerID: learner, labID: lab)
      #expect(try fixture.engine.store.openLabs(after: 0, limit: 10).isEmpty)
      #expect(engine.tick(limit: 10) == 0)
    }
  }

  @Test func answer_refusesOverlongText() async throws {
    try await withFixture { fixture in
      try walkToAnswerStep(fixture)
      let error = #expect(throws: HTTPError.self) {
        try fixture.engine.answer(
          learnerID: fixture.learnerID, labID: lab, stepID: "answer-it",
          text: String(repeating: "x", count: 1001))
      }
      #expect(error?.status == .badRequest)
    }
  }

  @Test func hints_byTimeByConditionAndOnRequest() async throws {
    try await withFixture { fixture in
      let (engine, learner) = (fixture.engine, fixture.learnerID)
      _ = try engine.openLab(learnerID: learner, labID: lab)
      let labValue = try engine.lab(lab)
      let step = labValue.steps[0]
      let texts = { (ask: Bool) in
        try engine.hints(
          learnerID: learner, lab: labValue, step: step, now: fixture.clock.now, ask: ask
        ).map(\.text)
      }
      #expect(try texts(false).isEmpty)
      fixture.clock.advance(by: 119)
      #expect(try texts(false).isEmpty)
      fixture.clock.advance(by: 1)
      #expect(try texts(false) == ["Look at the sandbox page."])
      #expect(try texts(true) == ["Look at the sandbox page.", "Ask and you get this."])
      fixture.statuses.set(try ProgressSamples.status())
      try engine.check(
        learnerID: learner, labID: lab, stepID: step.id, requestedByLearner: false)
      #expect(try texts(false).count == 3)
      let record = try fixture.progress().steps[step.id]
      #expect(record?.hintsSeen == 3)
      #expect(record?.hintsAsked == 1)
    }
  }

  @Test func solve_refusedUnlessAnInstructorAllowedIt() async throws {
    try await withFixture { fixture in
      let (engine, learner) = (fixture.engine, fixture.learnerID)
      try walkToAnswerStep(fixture)
      do {
        _ = try await engine.solve(learnerID: learner, labID: lab, stepID: "answer-it")
        Issue.record("the solver ran without permission")
      } catch let error as HTTPError {
        #expect(error.status == .forbidden)
      }
      try engine.allowSolver(learnerID: learner, labID: lab, stepID: "answer-it", allowed: true)
      let progress = try await engine.solve(learnerID: learner, labID: lab, stepID: "answer-it")
      #expect(progress.steps["answer-it"]?.solvedBySolver == true)
      #expect(progress.stepsDone == 3)
    }
  }

  @Test func tick_completesAStepWithoutARequest() async throws {
    try await withFixture { fixture in
      _ = try fixture.engine.openLab(learnerID: fixture.learnerID, labID: lab)
      let engine = fixture.engine
      let ticker = ProgressTicker(interval: .milliseconds(10)) { engine.tick(limit: 200) }
      ticker.start()
      defer { ticker.stop() }
      fixture.statuses.set(try ProgressSamples.status())
      let deadline = Date().addingTimeInterval(10)
      while try fixture.progress().stepsDone == 0, Date() < deadline {
        try await Task.sleep(for: .milliseconds(10))
      }
      #expect(try fixture.progress().currentStep?.id == "break-it")
    }
  }

  @Test func tick_boundedRoundRobinOverOpenLabs() async throws {
    try await withFixture { fixture in
      let other = try fixture.join("Bob")
      for learner in [fixture.learnerID, other] {
        _ = try fixture.engine.openLab(learnerID: learner, labID: lab)
      }
      #expect(fixture.engine.tick(limit: 1) == 1)
      #expect(try fixture.progress(fixture.learnerID).results.count == 1)
      #expect(try fixture.progress(other).results.isEmpty)
      #expect(fixture.engine.tick(limit: 1) == 1)
      #expect(try fixture.progress(other).results.count == 1)
    }
  }

  /// Completes the first two steps of the test lab for the fixture's learner.
  private func walkToAnswerStep(_ fixture: ProgressFixture) throws {
    let (engine, learner) = (fixture.engine, fixture.learnerID)
    fixture.statuses.set(try ProgressSamples.status())
    _ = try engine.openLab(learnerID: learner, labID: lab)
    try engine.check(
      learnerID: learner, labID: lab, stepID: "start-the-sandbox", requestedByLearner: false)
    _ = try FaultHistory(database: fixture.database).record(
      learnerID: learner, kind: "latency", target: "swan", params: "{}",
      at: fixture.clock.now.timeIntervalSince1970, instantaneous: false)
    try engine.check(learnerID: learner, labID: lab, stepID: "break-it", requestedByLearner: false)
    #expect(try fixture.progress().currentStep?.id == "answer-it")
  }
}

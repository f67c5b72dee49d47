import Foundation
import Testing

@testable import Web

@Suite struct InstructorBoardTests {
  static let lab = ProgressSamples.labID

  /// A server whose labs folder holds the sample lab (three steps).
  static func withLab(_ body: (WebServerFixture) async throws -> Void) async throws {
    try await WebServerFixture.with(configure: writeSampleLab, body)
  }

  /// Writes the sample lab before the app loads its labs (a failure shows as a missing lab).
  static func writeSampleLab(_ configuration: inout WebConfiguration) {
    try? ProgressSamples.writeLabs(into: configuration.labsFolder)
  }

  static func key(_ learnerID: Int64, _ step: String) -> StepKey {
    StepKey(learnerID: learnerID, lab: lab, step: step)
  }

  /// Completes `step` for the learner as the engine would (and starts `next`).
  static func complete(
    _ fixture: WebServerFixture, _ learnerID: Int64, _ step: String, next: String?
  ) throws {
    try fixture.app.progress.store.store(
      [.passed], for: key(learnerID, step), at: fixture.clock.now.timeIntervalSince1970,
      countAttempt: false, next: next)
  }

  static func record(started: Double?, completed: Double? = nil, attempts: Int = 0)
    -> StepRecord
  {
    var record = StepRecord()
    record.startedAt = started
    record.completedAt = completed
    record.attempts = attempts
    return record
  }

  @Test func board_statesCountsAndStuckLearnersFirst() {
    let columns = [
      BoardColumn(
        id: LabStep(lab: "l", step: "a"), labTitle: "L", title: "A", labNumber: 1, stepNumber: 1),
      BoardColumn(
        id: LabStep(lab: "l", step: "b"), labTitle: "L", title: "B", labNumber: 1, stepNumber: 2),
    ]
    let a = LabStep(lab: "l", step: "a")
    let b = LabStep(lab: "l", step: "b")
    let now = 10_000.0
    var solved = Self.record(started: 0, completed: 100)
    solved.solvedBySolver = true
    let learners = [
      // Done with a in 100 s, on b for 200 s.
      BoardLearner(
        id: 1, name: "Ann", joinedAt: 0,
        steps: [a: Self.record(started: 0, completed: 100), b: Self.record(started: now - 200)]),
      // On b for 300 s: the median of b is 300 s, so 2× is not passed.
      BoardLearner(
        id: 2, name: "Bob", joinedAt: 0,
        steps: [a: solved, b: Self.record(started: now - 300)]),
      // On b for 2000 s: more than 2× the median (300 s) and more than 5 min.
      BoardLearner(
        id: 3, name: "Zed", joinedAt: 0,
        steps: [a: Self.record(started: 0, completed: 50), b: Self.record(started: now - 2000)]),
      // On a with three failed checks.
      BoardLearner(
        id: 4, name: "Yan", joinedAt: 0, steps: [a: Self.record(started: now - 10, attempts: 3)]),
      BoardLearner(id: 5, name: "Cy", joinedAt: 0, steps: [:]),
    ]
    let board = Board(columns: columns, learners: learners, sandboxes: [1: "running"], now: now)
    #expect(board.rows.map(\.name) == ["Yan", "Zed", "Ann", "Bob", "Cy"])
    #expect(board.rows[0].stuck == "3 failed checks in a row")
    #expect(board.rows[1].stuck?.hasPrefix("33 min on it") == true)
    #expect(board.rows[2].stuck == nil)
    #expect(board.stuckCount == 2)
    #expect(board.activeCounts == [1, 3])
    #expect(board.doneCounts == [3, 0])
    #expect(board.medians[1] == 300)
    let ann = board.rows[2]
    #expect(ann.cells == [.done, .active])
    #expect(ann.current == 1)
    #expect(ann.secondsOnCurrent == 200)
    #expect(ann.sandbox == "running")
    #expect(board.rows[3].cells == [.solved, .active])
    #expect(board.rows[4].cells == [.notStarted, .notStarted])
    #expect(board.rows[4].current == nil)
    #expect(board.rows[4].sandbox == "none")
  }

  @Test func board_shortStepIsNeverStuckByTimeAlone() {
    let column = BoardColumn(
      id: LabStep(lab: "l", step: "a"), labTitle: "L", title: "A", labNumber: 1, stepNumber: 1)
    let learners = [
      BoardLearner(id: 1, name: "A", joinedAt: 0, steps: [column.id: Self.record(started: 990)]),
      BoardLearner(id: 2, name: "B", joinedAt: 0, steps: [column.id: Self.record(started: 700)]),
    ]
    // B: 300 s is more than 2× A's 10 s… but the median is 155 s and 300 s is not over 5 min.
    let board = Board(columns: [column], learners: learners, sandboxes: [:], now: 1000)
    #expect(board.stuckCount == 0)
  }

  @Test func boardPage_showsEveryLearnerAndStepWithEscapedNames() async throws {
    try await Self.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      _ = try await InstructorSupport.learner(fixture, name: "<b>Bob</b>")
      _ = try fixture.app.progress.openLab(learnerID: ann, labID: Self.lab)
      let page = try await instructor.get("/instructor/board")
      #expect(page.status == 200)
      #expect(page.text.contains("&lt;b&gt;Bob&lt;/b&gt;"))
      #expect(!page.text.contains("<b>Bob"))
      #expect(page.text.contains("id=\"c-\(ann)-0\" data-state=\"active\""))
      #expect(page.text.contains("id=\"c-\(ann)-1\" data-state=\"not-started\""))
      #expect(page.text.contains("id=\"n-0\">1 on it · 0 done<"))
      #expect(page.text.contains("data-board-sse=\"/instructor/board/events?event="))
      #expect(page.text.contains("<noscript><meta http-equiv=\"refresh\""))
      #expect(try await instructor.get("/instructor/board?event=999").status == 404)
    }
  }

  @Test func boardPage_followsTheEventsLabList() async throws {
    try await Self.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let store = EventStore(database: fixture.app.database)
      #expect(
        try await instructor.get("/instructor/board").text.contains("title=\"Test lab: Answer it\"")
      )
      let other = EventSettings(
        id: nil, name: "Empty", code: "EMPTY77", opensAt: nil, closesAt: nil, capacity: nil,
        labs: ["01-test-lab"], solverAllowed: true, idleStopMinutes: 30)
      let id = try store.save(other, actor: "test", now: fixture.clock.now)
      #expect(try store.event(id)?.labs == ["01-test-lab"])
      #expect(try await instructor.get("/instructor/board?event=\(id)").text.contains(">1.3<"))
    }
  }

  @Test func boardEvents_sendTheCellThatChanged() async throws {
    try await Self.withLab { fixture in
      let instructor = try await InstructorSupport.instructor(fixture)
      let (_, ann) = try await InstructorSupport.learner(fixture, name: "Ann")
      _ = try fixture.app.progress.openLab(learnerID: ann, labID: Self.lab)
      let cookie = instructor.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
      let stream = try LabPageStream(
        fixture.server.address, path: "/instructor/board/events", cookie: cookie)
      #expect(await stream.waitFor("\"state\":\"active\""))
      #expect(!stream.text.contains("\"state\":\"done\""))
      try Self.complete(fixture, ann, "start-the-sandbox", next: "break-it")
      #expect(await stream.waitFor("\"state\":\"done\""))
      #expect(stream.text.contains("c-\(ann)-0"))
      _ = try await InstructorSupport.learner(fixture, name: "Newcomer")
      #expect(await stream.waitFor("\"reload\":true"))
    }
  }

  @Test func boardEvents_refuseLearners() async throws {
    try await Self.withLab { fixture in
      let (learner, _) = try await InstructorSupport.learner(fixture, name: "Ann")
      #expect(try await learner.get("/instructor/board/events").status == 403)
    }
  }

  @Test func boardAPI_givesTheBoardAsJSONToInstructorsOnly() async throws {
    try await Self.withLab { fixture in
      try fixture.app.addInstructor(name: "Grace", password: InstructorSupport.password)
      let signIn = try await fixture.api(
        .post, "/api/v1/signin", json: #"{"name":"Grace","password":"a long password"}"#)
      let token = try #require(signIn.object["token"] as? String)
      let joined = try await fixture.api(
        .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"Ann"}"#)
      let learnerToken = try #require(joined.object["token"] as? String)
      _ = try await fixture.api(.post, "/api/v1/labs/\(Self.lab)/open", bearer: learnerToken)
      for _ in 1...3 {
        _ = try await fixture.api(
          .post, "/api/v1/labs/\(Self.lab)/steps/start-the-sandbox/check", bearer: learnerToken)
      }
      let board = try await fixture.api(.get, "/api/v1/instructor/board", bearer: token)
      #expect(board.status == 200)
      let learners = try #require(board.object["learners"] as? [[String: Any]])
      #expect(learners.count == 1)
      #expect(learners.first?["failedAttempts"] as? Int == 3)
      #expect(learners.first?["stuck"] as? String == "3 failed checks in a row")
      #expect(learners.first?["cells"] as? [String] == ["active", "not-started", "not-started"])
      #expect(try await fixture.api(.get, "/api/v1/instructor/board").status == 401)
      let refused = try await fixture.api(.get, "/api/v1/instructor/board", bearer: learnerToken)
      #expect(refused.status == 403)
    }
  }
}

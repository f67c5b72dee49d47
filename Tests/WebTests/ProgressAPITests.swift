import Foundation
import Testing
import Wire

@testable import Web

@Suite struct ProgressAPITests {
  private let lab = "/api/v1/labs/\(ProgressSamples.labID)"

  /// A server whose labs folder holds the test labs.
  private func withServer(_ body: (WebServerFixture) async throws -> Void) async throws {
    try await WebServerFixture.with(
      configure: { try? ProgressSamples.writeLabs(into: $0.labsFolder) }, body)
  }

  private func join(_ server: WebServerFixture) async throws -> String {
    try await joinWithID(server).token
  }

  private func joinWithID(_ server: WebServerFixture) async throws -> (token: String, id: Int) {
    let joined = try await server.api(
      .post, "/api/v1/join", json: #"{"code": "JOIN42", "name": "Ann"}"#)
    return (
      try #require(joined.object["token"] as? String),
      try #require(joined.object["learnerId"] as? Int)
    )
  }

  @Test func labs_listsServedLabsWithProgress() async throws {
    try await withServer { server in
      let token = try await join(server)
      let listed = try await server.api(.get, "/api/v1/labs", bearer: token)
      #expect(listed.status == 200)
      let labs = try #require(listed.object["labs"] as? [[String: Any]])
      #expect(labs.map { $0["id"] as? String } == [ProgressSamples.labID])
      #expect(labs.first?["stepsDone"] as? Int == 0)
      #expect(labs.first?["stepsTotal"] as? Int == 3)
      #expect(try await server.api(.get, "/api/v1/labs/02-broken", bearer: token).status == 404)
      #expect(try await server.api(.get, "/api/v1/labs").status == 401)
    }
  }

  @Test func lab_openCheckAndAnswerOverTheAPI() async throws {
    try await withServer { server in
      let token = try await join(server)
      let opened = try await server.api(.post, "\(lab)/open", bearer: token)
      #expect(opened.status == 200)
      let steps = try #require(opened.object["steps"] as? [[String: Any]])
      #expect(steps.map { $0["state"] as? String } == ["active", "locked", "locked"])
      let question = try #require(steps[2]["question"] as? [String: Any])
      #expect(question["correct"] == nil)
      #expect(question["choices"] as? [String] == ["SIGTERM", "SIGKILL"])

      let checked = try await server.api(
        .post, "\(lab)/steps/start-the-sandbox/check", bearer: token)
      #expect(checked.status == 200)
      let step = try #require(checked.object["step"] as? [String: Any])
      let checks = try #require(step["checks"] as? [[String: Any]])
      #expect(checks.first?["outcome"] as? String == "pending")
      #expect(checks.first?["reason"] as? String == "start your sandbox first")
      #expect(step["attempts"] as? Int == 1)

      let early = try await server.api(
        .post, "\(lab)/steps/answer-it/answer", json: #"{"text": "SIGKILL"}"#, bearer: token)
      #expect(early.status == 409)
      #expect(
        try await server.api(.post, "\(lab)/steps/nope/check", bearer: token).status == 404)
      #expect(
        try await server.api(.post, "/api/v1/labs/99-nope/open", bearer: token).status == 404)
    }
  }

  @Test func solve_forbiddenByDefaultAndInstructorsGetNoProgress() async throws {
    try await withServer { server in
      let (token, learnerID) = try await joinWithID(server)
      _ = try await server.api(.post, "\(lab)/open", bearer: token)
      let solved = try await server.api(
        .post, "\(lab)/steps/start-the-sandbox/solve", bearer: token)
      #expect(solved.status == 403)
      try server.app.addInstructor(name: "Ivy", password: "correct horse battery")
      let signedIn = try await server.api(
        .post, "/api/v1/signin", json: #"{"name": "Ivy", "password": "correct horse battery"}"#)
      let instructor = try #require(signedIn.object["token"] as? String)
      #expect(try await server.api(.get, "/api/v1/labs", bearer: instructor).status == 403)
      let allowed = try await server.api(
        .put,
        "/api/v1/learners/\(learnerID)/labs/\(ProgressSamples.labID)"
          + "/steps/start-the-sandbox/solver",
        json: #"{"allowed": true}"#, bearer: instructor)
      #expect(allowed.status == 204)
      let solvedNow = try await server.api(
        .post, "\(lab)/steps/start-the-sandbox/solve", bearer: token)
      #expect(solvedNow.status == 503)
    }
  }

  @Test func progress_survivesANewWebAppOnTheSameDataFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try ProgressSamples.writeLabs(into: folder.path + "/labs")
    var configuration = WebConfiguration(
      dataFolder: folder.path + "/data", labsFolder: folder.path + "/labs", eventCode: "JOIN42")
    configuration.passwordIterations = 1000
    let first = try WebApp(configuration: configuration)
    let learner = try first.accounts.join(code: "JOIN42", name: "Ann").learnerID
    _ = try first.progress.openLab(learnerID: learner, labID: ProgressSamples.labID)
    try first.progress.check(
      learnerID: learner, labID: ProgressSamples.labID, stepID: "start-the-sandbox",
      requestedByLearner: true)
    first.shutdown()

    let second = try WebApp(configuration: configuration)
    defer { second.shutdown() }
    let progress = try second.progress.progress(
      learnerID: learner, lab: try second.progress.lab(ProgressSamples.labID))
    #expect(progress.currentStep?.id == "start-the-sandbox")
    #expect(progress.steps["start-the-sandbox"]?.attempts == 1)
    #expect(progress.results["start-the-sandbox"]?.first?.outcome == "pending")
  }
}

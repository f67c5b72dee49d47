import Foundation
import Testing
import Wire

@testable import Web

/// The solver against a real sandbox: checks fail before it runs and pass after, through the
/// same services a learner uses; the app's own ticker completes the sandbox step.
@Suite struct ProgressSolverTests {
  @Test func solve_performsEachStepThroughTheLearnersServices() async throws {
    let executable = try SandboxWebFixture.executable()
    try await WebServerFixture.with(configure: { configuration in
      try? ProgressSamples.writeLabs(into: configuration.labsFolder)
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      configuration.sandboxExecutable = executable
      configuration.progressInterval = .milliseconds(100)
    }) { server in
      let learner = try await SandboxWebFixture.learner(server, name: "Ada")
      let lab = "/api/v1/labs/\(ProgressSamples.labID)"
      _ = try await server.api(.post, "\(lab)/open", bearer: learner.token)
      let before = try await server.api(
        .post, "\(lab)/steps/start-the-sandbox/check", bearer: learner.token)
      let step = try #require(before.object["step"] as? [String: Any])
      #expect(step["state"] as? String == "active")
      for id in ["start-the-sandbox", "break-it", "answer-it"] {
        try server.app.progress.allowSolver(
          learnerID: Int64(learner.id), labID: ProgressSamples.labID, stepID: id, allowed: true)
      }

      let started = try await server.api(
        .post, "\(lab)/steps/start-the-sandbox/solve", bearer: learner.token)
      #expect(started.status == 200)
      try await SandboxWebFixture.waitUntil("the ticker completes the sandbox step", seconds: 30) {
        let detail = try await server.api(.get, lab, bearer: learner.token)
        let steps = detail.object["steps"] as? [[String: Any]]
        return steps?.first?["state"] as? String == "done"
      }

      let faulted = try await server.api(
        .post, "\(lab)/steps/break-it/solve", bearer: learner.token)
      #expect(faulted.status == 200)
      #expect((faulted.object["step"] as? [String: Any])?["state"] as? String == "done")
      let answered = try await server.api(
        .post, "\(lab)/steps/answer-it/solve", bearer: learner.token)
      let last = try #require(answered.object["step"] as? [String: Any])
      #expect(last["state"] as? String == "done")
      #expect(last["solvedBySolver"] as? Bool == true)
      let labs = try await server.api(.get, "/api/v1/labs", bearer: learner.token)
      #expect((labs.object["labs"] as? [[String: Any]])?.first?["stepsDone"] as? Int == 3)
    }
  }
}

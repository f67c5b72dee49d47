import Foundation
import Labs
import Testing
import Wire

@testable import Web

/// Every lab in the repository's `Labs/` against a real sandbox (issue 4 "A solver test"): a
/// fresh learner's checks of each step fail before the solver runs, and the step completes after
/// it, solved through the same API a learner uses once an instructor allowed it.
@Suite struct LabSolverTests {
  /// The repository's `Labs/` folder, found from this file's path.
  static let labsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Labs").path

  static var labIDs: [String] {
    ProgressEngine.servableLabs(in: labsFolder).map(\.id)
  }

  @Test func servableLabs_includeEveryLabFolder() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.labsFolder)
      .filter { FileManager.default.fileExists(atPath: "\(Self.labsFolder)/\($0)/lab.md") }
    #expect(!folders.isEmpty)
    #expect(Self.labIDs.sorted() == folders.sorted())
  }

  @Test(.timeLimit(.minutes(3)), arguments: labIDs)
  func solver_completesEveryStepThatFailedBefore(labID: String) async throws {
    let lab = try #require(
      ProgressEngine.servableLabs(in: Self.labsFolder).first { $0.id == labID })
    let executable = try SandboxWebFixture.executable()
    try await WebServerFixture.with(configure: { configuration in
      configuration.labsFolder = Self.labsFolder
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      configuration.sandboxExecutable = executable
      configuration.progressInterval = .milliseconds(200)
    }) { server in
      let learner = try await SandboxWebFixture.learner(server, name: "Grace")
      let path = "/api/v1/labs/\(lab.id)"
      let opened = try await server.api(.post, "\(path)/open", bearer: learner.token)
      #expect(opened.status == 200)
      for step in lab.steps {
        let before = try await server.api(
          .post, "\(path)/steps/\(step.id)/check", bearer: learner.token)
        let checked = try #require(before.object["step"] as? [String: Any], "\(before)")
        #expect(checked["state"] as? String == "active", "step \(step.id)")
        let outcomes = (checked["checks"] as? [[String: Any]])?.compactMap {
          $0["outcome"] as? String
        }
        #expect(outcomes?.count == step.judgedChecks.count, "step \(step.id)")
        #expect(outcomes?.contains("passed") == false, "step \(step.id) before solving: \(checked)")

        try server.app.progress.allowSolver(
          learnerID: Int64(learner.id), labID: lab.id, stepID: step.id, allowed: true)
        let solved = try await server.api(
          .post, "\(path)/steps/\(step.id)/solve", bearer: learner.token)
        #expect(solved.status == 200, "step \(step.id): \(solved.object)")

        try await SandboxWebFixture.waitUntil("step \(step.id) is done", seconds: 45) {
          let detail = try await server.api(.get, path, bearer: learner.token)
          let steps = detail.object["steps"] as? [[String: Any]]
          return steps?.first { $0["id"] as? String == step.id }?["state"] as? String == "done"
        }
      }
      let labs = try await server.api(.get, "/api/v1/labs", bearer: learner.token)
      let summary = (labs.object["labs"] as? [[String: Any]])?.first {
        $0["id"] as? String == lab.id
      }
      #expect(summary?["stepsDone"] as? Int == lab.steps.count)
    }
  }
}

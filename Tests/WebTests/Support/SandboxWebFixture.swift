import Foundation
import Testing
import Wire

@testable import Web

/// A ``WebServerFixture`` with sandboxes on: the root inside the fixture's temporary folder
/// and the agent launching the `sidecarlab` binary built beside the tests.
enum SandboxWebFixture {
  /// `swift build --build-tests` puts `sidecarlab` next to the test bundle; a missing binary
  /// fails the test with a clear message rather than skipping it.
  static func executable() throws -> String {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
      let path = folder.appendingPathComponent("sidecarlab").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
      folder.deleteLastPathComponent()
    }
    throw SandboxFixtureError(
      "no sidecarlab binary near \(CommandLine.arguments[0]); run swift build --build-tests first")
  }

  /// Runs `body` with sandboxes enabled; the fixture's teardown stops every sandbox and the
  /// agent (``WebApp/shutdown()``) even when `body` throws.
  static func with(_ body: (WebServerFixture) async throws -> Void) async throws {
    let executable = try executable()
    try await WebServerFixture.with(configure: { configuration in
      configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      configuration.sandboxExecutable = executable
    }) { fixture in
      try await body(fixture)
    }
  }

  /// Joins the event through the API and returns the learner's bearer token and id.
  static func learner(_ fixture: WebServerFixture, name: String) async throws -> (
    token: String, id: Int
  ) {
    let joined = try await fixture.api(
      .post, "/api/v1/join", json: #"{"code":"JOIN42","name":"\#(name)"}"#)
    #expect(joined.status == 201)
    return (
      try #require(joined.object["token"] as? String),
      try #require(joined.object["learnerId"] as? Int)
    )
  }

  /// Polls `condition` every 100 ms until it holds; throws once `seconds` have passed.
  static func waitUntil(
    _ what: String, seconds: Double, _ condition: () async throws -> Bool
  ) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while try await !condition() {
      guard ContinuousClock.now < deadline else {
        throw SandboxFixtureError("timed out after \(seconds) s waiting until \(what)")
      }
      try await Task.sleep(for: .milliseconds(100))
    }
  }

  /// A process of a `GET /api/v1/sandbox` body, by name.
  static func process(_ name: String, in status: [String: Any]) -> [String: Any]? {
    (status["processes"] as? [[String: Any]])?.first { $0["name"] as? String == name }
  }
}

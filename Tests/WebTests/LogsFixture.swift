import Foundation
import LogRouter
import Testing
import Wire

@testable import Web

/// A ``WebServerFixture`` with a sandbox root (no sandbox is started) and helpers that write
/// a learner's log store where the server looks for it, as the log router will.
enum LogsFixture {
  /// Runs `body` with `sandboxRoot` set inside the fixture's folder.
  static func with(_ body: (WebServerFixture) async throws -> Void) async throws {
    try await WebServerFixture.with(
      configure: { configuration in
        configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
      }, body)
  }

  /// The learner's store where the server reads it, created with its folders.
  static func store(_ fixture: WebServerFixture, learnerID: Int64) throws -> LogStore {
    let sandboxes = try #require(fixture.app.sandboxes)
    let path = sandboxes.telemetryPath(learnerID: learnerID, file: SandboxService.logsFileName)
    try FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    return try LogStore(path: path)
  }

  /// A FireLens-shaped record: `container_name`, `source`, `log` and any `extra` fields.
  static func record(
    _ line: String, container: String = "swan", source: String = "stdout", at time: Double,
    extra: [LogField] = []
  ) -> LogRecord {
    LogRecord(
      tag: "app.\(container)", timestamp: time,
      fields: [
        LogField("container_name", .string(container)), LogField("source", .string(source)),
        LogField("log", .string(line)),
      ] + extra)
  }

  /// The fixture clock's now, Unix seconds.
  static func now(_ fixture: WebServerFixture) -> Double {
    fixture.clock.now.timeIntervalSince1970
  }

  /// A learner joined through the API: bearer token and id.
  static func learner(_ fixture: WebServerFixture, name: String) async throws -> (
    token: String, id: Int64
  ) {
    let (token, id) = try await SandboxWebFixture.learner(fixture, name: name)
    return (token, Int64(id))
  }

  /// `GET path` with `token` as the bearer.
  static func get(_ fixture: WebServerFixture, _ path: String, bearer token: String?)
    async throws -> (status: Int, object: [String: Any])
  {
    try await fixture.api(.get, path, bearer: token)
  }

  /// The `log` texts of an API answer's records, in order.
  static func lines(_ object: [String: Any]) -> [String] {
    (object["records"] as? [[String: Any]] ?? []).compactMap { $0["log"] as? String }
  }
}

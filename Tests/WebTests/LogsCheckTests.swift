import Foundation
import Labs
import LogRouter
import Sandbox
import Testing

@testable import Web

/// `check logs`: judged from a real log store, registered in the standard registry, and its
/// fields validated when labs load.
@Suite struct LogsCheckTests {
  /// A context whose log store is a real file in a temporary folder.
  struct Context: CheckContext {
    let step: Step
    let stepStartedAt: Double
    let store: LogStore?
    func sandboxStatus() -> SandboxStatus? { nil }
    func faults() throws -> [FaultRecord] { [] }
    func latestAnswer() throws -> String? { nil }
    func logs() throws -> LogStore? { store }
  }

  static func check(_ fields: [(String, String)]) -> CheckSpec {
    CheckSpec(
      kind: "logs",
      fields: fields.enumerated().map { CheckField(key: $1.0, value: $1.1, line: $0 + 2) },
      line: 1)
  }

  static func step() -> Step {
    Step(id: "s", title: "S", body: "", checks: [], hints: [], answer: nil, line: 1)
  }

  @Test func logsCheck_pendingUntilEnoughMatchingLinesArrive() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try LogStore(path: folder.path + "/logs.sqlite")
    let now = Date().timeIntervalSince1970
    let context = Context(step: Self.step(), stepStartedAt: now - 60, store: store)
    let evaluator = LogsCheckEvaluator()
    let check = Self.check([("filter", "ERROR"), ("container", "swan"), ("min", "2")])
    try store.insert([
      LogsFixture.record("ERROR before the step", at: now - 120),
      LogsFixture.record("ERROR elsewhere", container: "unicorn", at: now),
      LogsFixture.record("ERROR one", at: now),
    ])
    #expect(
      try evaluator.evaluate(check, context: context)
        == .pending("found 1 of 2 lines matching ERROR in swan since the step started"))
    try store.insert([LogsFixture.record("ERROR two", at: now)])
    #expect(try evaluator.evaluate(check, context: context) == .passed)
  }

  @Test func logsCheck_windowCountsOnlyRecentLines() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try LogStore(path: folder.path + "/logs.sqlite")
    let now = Date().timeIntervalSince1970
    let context = Context(step: Self.step(), stepStartedAt: 0, store: store)
    let check = Self.check([("filter", "{ $.status = 503 }"), ("window", "5m")])
    let status = [LogField("status", .integer(503))]
    try store.insert([LogsFixture.record("old 503", at: now - 600, extra: status)])
    let evaluator = LogsCheckEvaluator()
    #expect(try evaluator.evaluate(check, context: context).holds == false)
    try store.insert([LogsFixture.record("new 503", at: now, extra: status)])
    #expect(try evaluator.evaluate(check, context: context) == .passed)
  }

  @Test func logsCheck_withoutLogsOrWithBadFieldsIsNotMet() throws {
    let context = Context(step: Self.step(), stepStartedAt: 0, store: nil)
    let evaluator = LogsCheckEvaluator()
    #expect(
      try evaluator.evaluate(Self.check([("filter", "ERROR")]), context: context)
        == .pending("found 0 of 1 lines matching ERROR since the step started"))
    let badPattern = try evaluator.evaluate(Self.check([("filter", "\"open")]), context: context)
    #expect(badPattern.name == "failed")
    let badWindow = try evaluator.evaluate(
      Self.check([("filter", "ERROR"), ("window", "5 minutes")]), context: context)
    #expect(badWindow.reason.contains("window"))
  }

  @Test(arguments: [("30s", 30.0), ("5m", 300), ("1h", 3600), ("24h", 86_400)])
  func logsCheck_readsWindows(text: String, seconds: Double) {
    #expect(LogsCheckEvaluator.seconds(text) == seconds)
  }

  @Test(arguments: ["", "5", "m", "0m", "-1m", "25h", "5d", "1.5m"])
  func logsCheck_refusesBadWindows(text: String) {
    #expect(LogsCheckEvaluator.seconds(text) == nil)
  }

  @Test func logsCheck_isRegisteredAndItsFieldsValidateLabs() throws {
    let registry = EvaluatorRegistry.standard
    #expect(registry.evaluator(for: "logs")?.kind == LogsCheckEvaluator.kind)
    let lab = """
      ---
      title: Logs lab
      summary: Find the errors.
      minutes: 5
      ---
      ## Find the errors

      ```check logs
      filter: ERROR
      min: 0
      source: journal
      ```

      ```check logs
      container: swan
      ```

      ```check logs
      filter: "{ $.status = }"
      window: 3 days
      ```
      """
    let messages = try labProblems(lab).joined(separator: "\n")
    #expect(messages.contains("check field 'min'"))
    #expect(messages.contains("check field 'source'"))
    #expect(messages.contains("check kind 'logs' needs field 'filter'"))
    #expect(messages.contains("is not a valid filter pattern"))
    #expect(messages.contains("must be a duration such as 30s, 5m or 1h"))
  }
}

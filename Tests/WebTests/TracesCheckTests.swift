import Foundation
import Sandbox
import Testing
import Tracer

@testable import Labs
@testable import Web

/// `check trace`: a filter expression must match at least `min` traces in the window.
@Suite struct TracesCheckTests {
  /// A context whose trace store is a temporary file.
  private struct TraceContext: CheckContext {
    var step = Step(id: "s", title: "S", body: "", checks: [], hints: [], answer: nil, line: 1)
    var stepStartedAt: Double
    let store: TraceStore?

    func sandboxStatus() -> SandboxStatus? { nil }
    func faults() throws -> [FaultRecord] { [] }
    func latestAnswer() throws -> String? { nil }
    func traces() throws -> TraceStore? { store }
  }

  private static let now = 1_800_000_000.0

  private func check(_ fields: [String: String]) -> CheckSpec {
    CheckSpec(
      kind: "trace",
      fields: fields.sorted { $0.key < $1.key }.map {
        CheckField(key: $0.key, value: $0.value, line: 1)
      },
      line: 1)
  }

  private func withStore(_ body: (TraceStore) throws -> Void) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let store = try TraceStore(path: folder.path + "/traces.sqlite")
    defer { store.close() }
    try body(store)
  }

  @Test func traceCheck_pendingUntilEnoughTracesMatch() throws {
    try withStore { store in
      let evaluator = TraceCheckEvaluator(clock: { Date(timeIntervalSince1970: Self.now) })
      let context = TraceContext(stepStartedAt: Self.now - 600, store: store)
      let spec = check(["filter": #"service("unicorn") { fault }"#, "min": "2"])
      let filter = #"service("unicorn") { fault }"#
      #expect(
        try evaluator.evaluate(spec, context: context)
          == .pending("found 0 of 2 traces matching \(filter) since the step started"))
      // A fault before the step started and a healthy request do not count.
      try TracesFixture.request(
        into: store, now: Self.now, serial: 1, at: Self.now - 900, unicornStatus: 503)
      try TracesFixture.request(into: store, now: Self.now, serial: 2, at: Self.now - 300)
      try TracesFixture.request(
        into: store, now: Self.now, serial: 3, at: Self.now - 200, unicornStatus: 503)
      #expect(
        try evaluator.evaluate(spec, context: context)
          == .pending("found 1 of 2 traces matching \(filter) since the step started"))
      try TracesFixture.request(
        into: store, now: Self.now, serial: 4, at: Self.now - 100, unicornStatus: 500)
      #expect(try evaluator.evaluate(spec, context: context) == .passed)
    }
  }

  @Test func traceCheck_windowCountsBackFromNow() throws {
    try withStore { store in
      let evaluator = TraceCheckEvaluator(clock: { Date(timeIntervalSince1970: Self.now) })
      let context = TraceContext(stepStartedAt: 0, store: store)
      try TracesFixture.request(into: store, now: Self.now, serial: 1, at: Self.now - 400)
      let recent = check(["filter": "responsetime > 0.01", "window": "5m"])
      #expect(
        try evaluator.evaluate(recent, context: context)
          == .pending("found 0 of 1 traces matching responsetime > 0.01 in the last 5m"))
      #expect(
        try evaluator.evaluate(
          check(["filter": "responsetime > 0.01", "window": "10m"]), context: context)
          == .passed)
    }
  }

  @Test func traceCheck_withoutTracesIsPending() throws {
    let evaluator = TraceCheckEvaluator(clock: { Date(timeIntervalSince1970: Self.now) })
    let context = TraceContext(stepStartedAt: Self.now - 60, store: nil)
    #expect(
      try evaluator.evaluate(check(["filter": "http.status = 500"]), context: context)
        == .pending("found 0 of 1 traces matching http.status = 500 since the step started"))
  }

  @Test func traceCheck_badFieldsFailWithTheReason() throws {
    let evaluator = TraceCheckEvaluator(clock: { Date(timeIntervalSince1970: Self.now) })
    let context = TraceContext(stepStartedAt: 0, store: nil)
    let broken = try evaluator.evaluate(check(["filter": "responsetime >"]), context: context)
    #expect(broken.name == "failed")
    #expect(broken.reason.contains("at position 14"))
    let window = try evaluator.evaluate(
      check(["filter": "fault", "window": "forever"]), context: context)
    #expect(window.name == "failed")
    #expect(TraceCheckEvaluator.problem(filter: "service(\"swan\") { fault }") == nil)
    #expect(TraceCheckEvaluator.problem(filter: "NOT (")?.contains("position") == true)
  }

  @Test func traceCheck_kindIsRegisteredAndValidatesFields() {
    let registry = EvaluatorRegistry.standard
    #expect(registry.evaluator(for: "trace")?.kind == TraceCheckEvaluator.kind)
    let kind = TraceCheckEvaluator.kind
    #expect(
      kind.problems(in: check(["min": "2"])).map(\.message) == [
        "check kind 'trace' needs field 'filter'"
      ])
    #expect(kind.problems(in: check(["filter": "fault", "min": "0"])).count == 1)
    #expect(kind.problems(in: check(["filter": "fault", "window": "5m", "min": "100"])).isEmpty)
    let bad = kind.problems(in: check(["filter": "responsetime >", "window": "forever"]))
      .map(\.message)
    #expect(bad.count == 2, "\(bad)")
    #expect(bad.contains { $0.contains("is not a valid filter expression") })
    #expect(bad.contains { $0.contains("must be a duration") })
  }
}

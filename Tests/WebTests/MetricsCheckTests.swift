import Foundation
import Labs
import Testing

@testable import Web

/// `check metric`: judged by the learner's real metrics agent from real StatsD datagrams,
/// pending without a sandbox, and its condition validated when labs load.
@Suite struct MetricsCheckTests {
  static let slowUnicorn =
    #"p99(envoy.cluster.cds_ingress_demo_unicorn-v1_http_8080.upstream_rq_time{appmesh_virtual_node="unicorn-v1"}) over 1m > 500"#

  static func check(_ condition: String) -> CheckSpec {
    CheckSpec(
      kind: "metric", fields: [CheckField(key: "condition", value: condition, line: 2)], line: 1)
  }

  static func step() -> Step {
    Step(id: "s", title: "S", body: "", checks: [], hints: [], answer: nil, line: 1)
  }

  @Test func metricCheck_failsThenPassesOnceLatencyIsInjected() async throws {
    try await MetricsFixture.with { fixture in
      let (_, id) = try await InstructorSupport.learner(fixture, name: "Ann")
      let statsd = try await MetricsFixture.startAgent(fixture, learnerID: id)
      let sandboxes = try #require(fixture.app.sandboxes)
      func outcome() async throws -> CheckOutcome {
        let context = FakeCheckContext(
          step: Self.step(), status: sandboxes.currentStatus(learnerID: id))
        return try await BlockingWork.run {
          try MetricCheckEvaluator().evaluate(Self.check(Self.slowUnicorn), context: context)
        }
      }
      #expect(
        try await outcome()
          == .pending("\(Self.slowUnicorn) does not hold yet: no data in the window"))

      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 5, errors: 0, latencyMillis: 30), to: statsd)
      var seen = CheckOutcome.passed
      try await SandboxWebFixture.waitUntil("the agent sees the fast requests", seconds: 10) {
        seen = try await outcome()
        return seen.reason.contains("does not hold yet: it is ")
      }
      #expect(seen.name == "pending")

      try MetricsFixture.send(
        MetricsFixture.meshFlush(requests: 100, errors: 0, latencyMillis: 900), to: statsd)
      try await SandboxWebFixture.waitUntil("the check passes", seconds: 10) {
        try await outcome() == .passed
      }
    }
  }

  @Test func metricCheck_isPendingWithoutARunningSandbox() throws {
    let context = FakeCheckContext(step: Self.step(), status: nil)
    let outcome = try MetricCheckEvaluator().evaluate(
      Self.check(Self.slowUnicorn), context: context)
    #expect(outcome.name == "pending")
    #expect(outcome.reason.contains("not running"))
    #expect(
      try MetricCheckEvaluator().evaluate(Self.check("p99(x) over 1y < 2"), context: context)
        .name == "failed")
  }

  @Test func metricCheck_isRegisteredAndItsConditionValidatedWhenLabsLoad() throws {
    let registry = EvaluatorRegistry.standard
    #expect(registry.evaluator(for: "metric")?.kind == MetricCheckEvaluator.kind)
    let lab = """
      ---
      title: Metrics lab
      summary: Watch unicorn.
      minutes: 5
      ---
      ## Watch unicorn

      ```check metric
      condition: \(Self.slowUnicorn)
      ```

      ```check metric
      condition: median(lat) over 1m < 2
      ```

      ```check metric
      window: 1m
      ```
      """
    let messages = try labProblems(lab)
    #expect(messages.count == 3, "\(messages)")
    #expect(
      messages.contains { $0.contains("is not a valid metric condition: expected a statistic") })
    #expect(messages.contains { $0.contains("check kind 'metric' needs field 'condition'") })
  }
}

import Labs
import Testing

@testable import Web

@Suite struct ProgressEvaluatorTests {
  private func check(_ kind: String, _ fields: [String: String]) -> CheckSpec {
    CheckSpec(
      kind: kind,
      fields: fields.sorted { $0.key < $1.key }.map {
        CheckField(key: $0.key, value: $0.value, line: 1)
      },
      line: 1)
  }

  private func step(answer: AnswerSpec? = nil) -> Step {
    Step(id: "s", title: "S", body: "", checks: [], hints: [], answer: answer, line: 1)
  }

  private func fault(_ kind: String, _ target: String, at time: Double) -> FaultRecord {
    FaultRecord(id: 1, kind: kind, target: target, params: "{}", startedAt: time, endedAt: nil)
  }

  @Test func sandbox_stateMatchesLiveStatus() throws {
    let evaluator = SandboxCheckEvaluator()
    let spec = check("sandbox", ["process": "swan", "state": "healthy"])
    var context = FakeCheckContext(step: step(), status: try ProgressSamples.status())
    #expect(try evaluator.evaluate(spec, context: context) == .passed)
    context.status = try ProgressSamples.status(state: "crash-loop")
    #expect(
      try evaluator.evaluate(spec, context: context) == .failed("swan is crash-loop, not healthy"))
  }

  @Test func sandbox_pendingWithoutSandboxAndFailsForMissingProcess() throws {
    let evaluator = SandboxCheckEvaluator()
    let context = FakeCheckContext(step: step())
    #expect(
      try evaluator.evaluate(
        check("sandbox", ["process": "swan", "state": "healthy"]), context: context)
        == .pending("start your sandbox first"))
    let running = FakeCheckContext(step: step(), status: try ProgressSamples.status())
    let outcome = try evaluator.evaluate(
      check("sandbox", ["process": "unicorn", "health": "healthy"]), context: running)
    #expect(outcome == .failed("your sandbox has no process 'unicorn'"))
  }

  @Test func sandbox_healthRestartsAndExits() throws {
    let evaluator = SandboxCheckEvaluator()
    let context = FakeCheckContext(
      step: step(),
      status: try ProgressSamples.status(health: "unhealthy", restarts: 3, exitSignal: 9))
    let outcomes = try [
      ["health": "unhealthy"], ["restarts-at-least": "3"], ["restarts-at-least": "4"],
      ["last-exit-signal": "SIGKILL"], ["last-exit-signal": "SIGTERM"], ["last-exit-code": "0"],
    ].map { fields in
      try evaluator.evaluate(
        check("sandbox", fields.merging(["process": "swan"]) { a, _ in a }), context: context
      ).name
    }
    #expect(outcomes == ["passed", "passed", "failed", "passed", "failed", "failed"])
    let neverExited = FakeCheckContext(step: step(), status: try ProgressSamples.status())
    #expect(
      try evaluator.evaluate(
        check("sandbox", ["process": "swan", "last-exit-code": "1"]), context: neverExited)
        == .pending("swan has not exited yet"))
  }

  @Test func fault_countsOnlyMatchingFaultsSinceTheStepStarted() throws {
    let evaluator = FaultCheckEvaluator()
    let spec = check("fault", ["kind": "latency", "target": "swan"])
    var context = FakeCheckContext(step: step(), stepStartedAt: 1000)
    context.faultList = [
      fault("latency", "swan", at: 999), fault("latency", "unicorn-1", at: 1001),
    ]
    #expect(
      try evaluator.evaluate(spec, context: context) == .pending("trigger a latency fault on swan"))
    context.faultList.append(fault("latency", "swan", at: 1000))
    #expect(try evaluator.evaluate(spec, context: context) == .passed)
    context.faultList = [fault("errors", "unicorn-1", at: 1001)]
    #expect(try evaluator.evaluate(check("fault", ["kind": "errors"]), context: context) == .passed)
  }

  @Test func answer_choicesNeedTheCorrectOne() throws {
    let evaluator = AnswerCheckEvaluator()
    let spec = AnswerSpec(
      question: "Q", choices: ["SIGTERM", "SIGKILL"], correct: "SIGKILL", pattern: nil, line: 1)
    var context = FakeCheckContext(step: step(answer: spec))
    #expect(
      try evaluator.evaluate(check("answer", [:]), context: context)
        == .pending("answer the question"))
    context.answer = "sigkill"
    #expect(try evaluator.evaluate(check("answer", [:]), context: context).name == "failed")
    context.answer = "SIGKILL"
    #expect(try evaluator.evaluate(check("answer", [:]), context: context) == .passed)
  }

  @Test func answer_freeTextMatchesCorrectOrWholePatternIgnoringCase() {
    let spec = AnswerSpec(
      question: "Q", choices: nil, correct: "Exit 137", pattern: "(code )?1[0-9]{2}", line: 1)
    #expect(spec.accepts("  exit 137 "))
    #expect(spec.accepts("CODE 143"))
    #expect(!spec.accepts("code 143 or so"))
    #expect(!spec.accepts("1"))
  }

  @Test func registry_pairsEvaluatorsWithCheckKinds() {
    let registry = EvaluatorRegistry.standard
    #expect(
      registry.checkKinds.names == [
        "answer", "fault", "logs", "mesh-config", "metric", "sandbox", "trace",
      ])
    #expect(registry.evaluator(for: "fault")?.kind == .fault)
    #expect(registry.evaluator(for: "nope") == nil)
  }
}

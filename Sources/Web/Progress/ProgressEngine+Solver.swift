import Labs
import Wire

extension ProgressEngine {
  /// How fast the solver leaks memory: at 128 MB/s a unicorn reaches its 1024 MB address-space
  /// limit in about eight seconds, well within a step (the app allows 1–256).
  static let solverLeakMegabytesPerSecond = 128

  /// Performs a started step for the learner through the services the learner uses (starts the
  /// sandbox, triggers the fault a check wants, posts the correct answer), marks it solved by the
  /// solver and checks it. Allowed only where an instructor allowed it.
  /// - Throws: 403 unless allowed, 409 when done or when a check is one the solver cannot
  ///   perform, 503 when a check needs sandboxes and they are off; the services' own errors.
  func solve(learnerID: Int64, labID: String, stepID: String) async throws -> LabProgress {
    let lab = try lab(labID)
    let step = try step(stepID, of: lab)
    let key = StepKey(learnerID: learnerID, lab: lab.id, step: step.id)
    let record = try store.steps(learnerID: learnerID, lab: lab.id)[step.id] ?? StepRecord()
    guard record.allowSolver else {
      throw HTTPError(.forbidden, "the solver is not allowed on this step; ask your instructor")
    }
    guard try startedRecord(key).completedAt == nil else {
      throw HTTPError(.conflict, "this step is already done")
    }
    for check in step.judgedChecks {
      try await perform(check, step: step, key: key)
    }
    try store.markSolved(key)
    return try check(
      learnerID: learnerID, labID: lab.id, stepID: step.id, requestedByLearner: false)
  }

  /// Does what makes `check` hold, as the learner would.
  private func perform(_ check: CheckSpec, step: Step, key: StepKey) async throws {
    switch check.kind {
    case CheckKind.answer.name:
      guard let spec = step.answer, let correct = spec.correct else {
        throw HTTPError(.conflict, "the solver cannot answer a question without a `correct` text")
      }
      _ = try answer(learnerID: key.learnerID, labID: key.lab, stepID: key.step, text: correct)
    case CheckKind.sandbox.name:
      _ = try await runningSandboxes(for: key)
    case CheckKind.fault.name:
      let sandboxes = try await runningSandboxes(for: key)
      guard let kindName = check[field: "kind"], let kind = SandboxFaultKind(name: kindName),
        let target = check[field: "target"] ?? kind.targets(in: sandboxes.definition).first
      else { throw HTTPError(.conflict, "the solver cannot trigger this fault") }
      // A fault of this kind the learner left open would refuse a new one; the solver's own
      // parameters replace it.
      for open in try sandboxes.history.list(learnerID: key.learnerID)
      where open.isOpen && open.kind == kind.name && open.target == target {
        try await sandboxes.end(learnerID: key.learnerID, faultID: open.id)
      }
      _ = try await sandboxes.apply(
        learnerID: key.learnerID, kindName: kind.name, target: target,
        params: Self.solverParameters(for: kind, target: target, step: step))
    default:
      throw HTTPError(.conflict, "the solver cannot perform '\(check.kind)' checks")
    }
  }

  /// The fault parameters that make the step's other checks on `target` hold: a crash now with
  /// the `last-exit-code` a check wants, a `kill` with the `last-exit-signal` it wants, and a
  /// memory leak fast enough to hit the limit within the step; defaults for everything else.
  static func solverParameters(for kind: SandboxFaultKind, target: String, step: Step)
    -> [String: Any]
  {
    let wanted = step.checks.filter {
      $0.kind == CheckKind.sandbox.name && $0[field: "process"] == target
    }
    switch kind {
    case .app(.crash):
      var params: [String: Any] = ["after_requests": 0]
      if let code = wanted.lazy.compactMap({ $0[field: "last-exit-code"] }).first.flatMap(Int.init)
      {
        params["exit_code"] = code
      }
      return params
    case .app(.memoryLeak):
      return ["mb_per_second": solverLeakMegabytesPerSecond]
    case .kill:
      return wanted.lazy.compactMap { $0[field: "last-exit-signal"] }.first.map { ["signal": $0] }
        ?? [:]
    default:
      return [:]
    }
  }

  /// The sandboxes, with the learner's sandbox started unless it runs already.
  private func runningSandboxes(for key: StepKey) async throws -> SandboxService {
    guard let sandboxes else {
      throw HTTPError(.serviceUnavailable, "sandboxes are not enabled on this server")
    }
    if sandboxes.currentStatus(learnerID: key.learnerID)?.phase != .running {
      _ = try await sandboxes.start(learnerID: key.learnerID)
    }
    return sandboxes
  }
}

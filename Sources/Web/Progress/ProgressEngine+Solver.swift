import Labs
import Wire

extension ProgressEngine {
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
      let sandboxes = try solverSandboxes()
      if sandboxes.currentStatus(learnerID: key.learnerID)?.phase != .running {
        _ = try await sandboxes.start(learnerID: key.learnerID)
      }
    case CheckKind.fault.name:
      let sandboxes = try solverSandboxes()
      guard let kindName = check[field: "kind"], let kind = SandboxFaultKind(name: kindName),
        let target = check[field: "target"] ?? kind.targets(in: sandboxes.definition).first
      else { throw HTTPError(.conflict, "the solver cannot trigger this fault") }
      if sandboxes.currentStatus(learnerID: key.learnerID)?.phase != .running {
        _ = try await sandboxes.start(learnerID: key.learnerID)
      }
      _ = try await sandboxes.apply(
        learnerID: key.learnerID, kindName: kind.name, target: target, params: [:])
    default:
      throw HTTPError(.conflict, "the solver cannot perform '\(check.kind)' checks")
    }
  }

  private func solverSandboxes() throws(HTTPError) -> SandboxService {
    guard let sandboxes else {
      throw HTTPError(.serviceUnavailable, "sandboxes are not enabled on this server")
    }
    return sandboxes
  }
}

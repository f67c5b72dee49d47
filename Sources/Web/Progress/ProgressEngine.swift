import Foundation
import Labs
import Store
import Synchronization
import Wire

/// Judges the learners' lab steps from real state and keeps their progress (issue 4 items 3–4):
/// opening a lab starts its first step; a step completes when all its checks hold, which starts
/// the next. Failures the learner can act on are `HTTPError`s.
final class ProgressEngine: Sendable {
  /// The labs served: those without validation problems, in folder order.
  let labs: [Lab]
  let store: ProgressStore
  let history: FaultHistory
  let registry: EvaluatorRegistry
  let statuses: (any SandboxStatusSource)?
  /// What the solver acts through; `nil` when sandboxes are off.
  let sandboxes: SandboxService?
  let clock: @Sendable () -> Date
  /// The learner id the next tick continues after (round-robin).
  private let tickCursor = Mutex<Int64>(0)

  init(
    database: Database, labs: [Lab], registry: EvaluatorRegistry = .standard,
    statuses: (any SandboxStatusSource)?, sandboxes: SandboxService?,
    clock: @escaping @Sendable () -> Date
  ) {
    self.labs = labs
    store = ProgressStore(database: database)
    history = FaultHistory(database: database)
    self.registry = registry
    self.statuses = statuses
    self.sandboxes = sandboxes
    self.clock = clock
  }

  /// The labs of `folder` that validate against `registry`; each refused lab and unreadable
  /// folder is logged with its problems.
  static func servableLabs(in folder: String, registry: EvaluatorRegistry = .standard) -> [Lab] {
    let catalog: LabCatalog
    do { catalog = try LabCatalog.load(directory: folder, registry: registry.checkKinds) } catch {
      logToStandardError("web: labs not served: \(error)")
      return []
    }
    return catalog.labs.filter { lab in
      let problems = catalog.problems.filter {
        $0.file.hasSuffix("/\(lab.id)") || $0.file.contains("/\(lab.id)/")
      }
      for problem in problems { logToStandardError("web: lab \(lab.id) not served: \(problem)") }
      return problems.isEmpty
    }
  }

  /// The served lab `id`; 404 otherwise.
  func lab(_ id: String) throws(HTTPError) -> Lab {
    guard let lab = labs.first(where: { $0.id == id }) else {
      throw HTTPError(.notFound, "no lab '\(id.prefix(100))'")
    }
    return lab
  }

  /// Step `id` of `lab`; 404 otherwise.
  func step(_ id: String, of lab: Lab) throws(HTTPError) -> Step {
    guard let step = lab.steps.first(where: { $0.id == id }) else {
      throw HTTPError(.notFound, "lab '\(lab.id)' has no step '\(id.prefix(100))'")
    }
    return step
  }

  /// The learner's stored progress on `lab`.
  func progress(learnerID: Int64, lab: Lab) throws -> LabProgress {
    let (steps, results) = try store.progress(learnerID: learnerID, lab: lab.id)
    return LabProgress(learnerID: learnerID, lab: lab, steps: steps, results: results)
  }

  /// Makes `labID` the learner's active lab and starts its first step (once); a lab already
  /// finished is only returned.
  func openLab(learnerID: Int64, labID: String) throws -> LabProgress {
    let lab = try lab(labID)
    guard let first = lab.steps.first else { throw HTTPError(.notFound, "lab has no steps") }
    let before = try progress(learnerID: learnerID, lab: lab)
    // A finished lab stays closed, so the ticker never re-checks it; an open one (its first
    // step started: the open mark was written with it) needs no write on every page view.
    guard before.stepsDone < lab.steps.count, before.steps[first.id]?.startedAt == nil else {
      return before
    }
    try store.open(StepKey(learnerID: learnerID, lab: lab.id, step: first.id), at: now)
    return try progress(learnerID: learnerID, lab: lab)
  }

  /// Evaluates every check of a started step from real state and stores the outcomes; when all
  /// hold the step completes and the next starts. A completed step keeps its stored results.
  /// - Parameter requestedByLearner: the learner's "check now": a failure counts as an attempt.
  /// - Throws: 404 for an unknown lab or step, 409 for a step not started yet.
  @discardableResult
  func check(learnerID: Int64, labID: String, stepID: String, requestedByLearner: Bool) throws
    -> LabProgress
  {
    let lab = try lab(labID)
    let step = try step(stepID, of: lab)
    let key = StepKey(learnerID: learnerID, lab: lab.id, step: step.id)
    let record = try startedRecord(key)
    if record.completedAt == nil {
      let context = LearnerCheckContext(
        key: key, step: step, stepStartedAt: record.startedAt ?? 0,
        status: statuses?.currentStatus(learnerID: learnerID), store: store, history: history,
        logSource: sandboxes, traceSource: sandboxes, meshSource: sandboxes)
      let outcomes = try step.judgedChecks.map { check in
        guard let evaluator = registry.evaluator(for: check.kind) else {
          return CheckOutcome.failed("this server cannot judge '\(check.kind)' checks")
        }
        return try evaluator.evaluate(check, context: context)
      }
      let next = lab.steps.firstIndex { $0.id == step.id }.flatMap { index in
        index + 1 < lab.steps.count ? lab.steps[index + 1].id : nil
      }
      try store.store(
        outcomes, for: key, at: now, countAttempt: requestedByLearner, next: next)
    }
    return try progress(learnerID: learnerID, lab: lab)
  }

  /// Stores the learner's answer to the step's question (a wrong one is an attempt) and checks
  /// the step. Returns whether it was right.
  /// - Throws: 404 when the step asks nothing, 400 for an empty or over-long answer, 409 for a
  ///   step not started yet.
  func answer(learnerID: Int64, labID: String, stepID: String, text: String) throws -> Bool {
    let lab = try lab(labID)
    let step = try step(stepID, of: lab)
    guard let spec = step.answer else { throw HTTPError(.notFound, "this step asks no question") }
    guard !text.isEmpty, text.count <= AnswerSpec.maximumAnswerLength else {
      throw HTTPError(
        .badRequest, "text: give an answer of 1 to \(AnswerSpec.maximumAnswerLength) characters")
    }
    let key = StepKey(learnerID: learnerID, lab: lab.id, step: step.id)
    guard try startedRecord(key).completedAt == nil else {
      throw HTTPError(.conflict, "this step is already done")
    }
    let correct = spec.accepts(text)
    try store.storeAnswer(text, correct: correct, for: key, at: now)
    try check(learnerID: learnerID, labID: lab.id, stepID: step.id, requestedByLearner: false)
    return correct
  }

  /// Lets (or stops letting) the solver perform a step for the learner (instructors decide).
  func allowSolver(learnerID: Int64, labID: String, stepID: String, allowed: Bool) throws {
    let lab = try lab(labID)
    let step = try step(stepID, of: lab)
    try store.allowSolver(allowed, for: StepKey(learnerID: learnerID, lab: lab.id, step: step.id))
  }

  /// Re-checks the current step of up to `limit` learners with an open lab, continuing after the
  /// last learner of the previous tick; returns how many steps it checked. Failures are logged.
  @discardableResult
  func tick(limit: Int) -> Int {
    let open: [(learnerID: Int64, lab: String)]
    do {
      let after = tickCursor.withLock { $0 }
      let found = try store.openLabs(after: after, limit: limit)
      open = found.isEmpty && after != 0 ? try store.openLabs(after: 0, limit: limit) : found
    } catch {
      logToStandardError("web: progress tick failed: \(error)")
      return 0
    }
    tickCursor.withLock { $0 = open.count < limit ? 0 : open.last?.learnerID ?? 0 }
    var checked = 0
    for (learnerID, labID) in open {
      do {
        guard let lab = labs.first(where: { $0.id == labID }),
          let step = try progress(learnerID: learnerID, lab: lab).currentStep
        else { continue }
        try check(
          learnerID: learnerID, labID: lab.id, stepID: step.id, requestedByLearner: false)
        checked += 1
      } catch {
        logToStandardError(
          "web: progress check of learner \(learnerID) on \(labID) failed: \(error)")
      }
    }
    return checked
  }

  var now: Double { clock().timeIntervalSince1970 }

  static let notStarted = HTTPError(
    .conflict, "this step has not started; open the lab and finish the steps before it")

  /// The step's record once started; 409 before.
  func startedRecord(_ key: StepKey) throws -> StepRecord {
    guard let record = try store.steps(learnerID: key.learnerID, lab: key.lab)[key.step],
      record.startedAt != nil
    else {
      throw Self.notStarted
    }
    return record
  }
}

import Labs

/// The check evaluators by kind name, paired with the `CheckKindRegistry` that validates labs:
/// every registered evaluator's kind is in ``checkKinds``, so a lab can use exactly the kinds
/// the engine can judge.
struct EvaluatorRegistry: Sendable {
  private var evaluators: [String: any CheckEvaluator] = [:]
  /// The kinds `LabCatalog.load` validates against.
  private(set) var checkKinds = CheckKindRegistry()

  init(_ evaluators: [any CheckEvaluator] = []) {
    for evaluator in evaluators { register(evaluator) }
  }

  /// Adds `evaluator` and its kind, replacing one of the same name.
  mutating func register(_ evaluator: any CheckEvaluator) {
    evaluators[evaluator.kind.name] = evaluator
    checkKinds.register(evaluator.kind)
  }

  func evaluator(for kind: String) -> (any CheckEvaluator)? { evaluators[kind] }

  /// The kinds judged today: `sandbox`, `fault`, `answer`, `logs`, `trace`, `mesh-config` and
  /// `metric`.
  static let standard = EvaluatorRegistry([
    SandboxCheckEvaluator(), FaultCheckEvaluator(), AnswerCheckEvaluator(), LogsCheckEvaluator(),
    TraceCheckEvaluator(), MeshConfigCheckEvaluator(), MetricCheckEvaluator(),
  ])
}

extension WebApp {
  /// The check kinds this server judges, for `sidecarlab labs check`: a lab valid there is one
  /// the engine can run.
  public static var checkKinds: CheckKindRegistry { EvaluatorRegistry.standard.checkKinds }
}

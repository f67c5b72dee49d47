import Labs

/// `check fault` (Labs/README.md): the learner triggered a fault of `kind` (on `target`, when
/// given) since the step started.
struct FaultCheckEvaluator: CheckEvaluator {
  var kind: CheckKind { .fault }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    guard let wanted = check[field: "kind"] else { return .failed("the check names no fault kind") }
    let target = check[field: "target"]
    let found = try context.faults().contains { fault in
      fault.kind == wanted && fault.startedAt >= context.stepStartedAt
        && (target == nil || fault.target == target)
    }
    if found { return .passed }
    return .pending("trigger a \(wanted) fault" + (target.map { " on \($0)" } ?? ""))
  }
}

import Labs

/// `check answer` (Labs/README.md): the learner's latest answer to the step's question is right.
struct AnswerCheckEvaluator: CheckEvaluator {
  var kind: CheckKind { .answer }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    guard let spec = context.step.answer else { return .failed("the step asks no question") }
    guard let text = try context.latestAnswer() else { return .pending("answer the question") }
    return spec.accepts(text) ? .passed : .failed("that answer is not right yet")
  }
}

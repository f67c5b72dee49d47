import Labs

/// Judges checks of one kind. The evaluator owns its kind's shape (`CheckKind`, what `labs check`
/// validates), so adding a kind is one new evaluator and one ``EvaluatorRegistry/register(_:)``.
protocol CheckEvaluator: Sendable {
  /// The kind's name and fields, as registered in `Labs.CheckKindRegistry`.
  var kind: CheckKind { get }
  /// The check's outcome from `context`; throws only when the server's own records fail.
  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome
}

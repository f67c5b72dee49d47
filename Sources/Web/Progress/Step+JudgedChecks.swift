import Labs

extension Step {
  /// The checks that complete the step: its own, plus an `answer` check at the end when it asks a
  /// question none of them covers (Labs/README.md: a step needs a check or an answer). Appending
  /// keeps the 1-based numbers that `when:` hints use.
  var judgedChecks: [CheckSpec] {
    guard let answer, !checks.contains(where: { $0.kind == CheckKind.answer.name }) else {
      return checks
    }
    return checks + [CheckSpec(kind: CheckKind.answer.name, fields: [], line: answer.line)]
  }
}

extension LabCatalog {
  /// What `sidecarlab labs check` prints: one `file:line: message` per problem, then a summary line,
  /// `N labs, M steps: ok` when clean.
  public var report: String {
    let stepCount = labs.reduce(0) { $0 + $1.steps.count }
    let counts = "\(Self.count(labs.count, "lab")), \(Self.count(stepCount, "step"))"
    let summary =
      problems.isEmpty ? "\(counts): ok" : "\(counts): \(Self.count(problems.count, "problem"))"
    return (problems.map(\.description) + [summary]).joined(separator: "\n") + "\n"
  }

  private static func count(_ number: Int, _ noun: String) -> String {
    number == 1 ? "1 \(noun)" : "\(number) \(noun)s"
  }
}

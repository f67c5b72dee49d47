extension [LabProblem] {
  /// By file, then line (whole-file problems first); the original order breaks ties.
  func sortedByPlace() -> [LabProblem] {
    enumerated().sorted { left, right in
      (left.element.file, left.element.line ?? 0, left.offset) < (
        right.element.file, right.element.line ?? 0, right.offset
      )
    }.map(\.element)
  }
}

import Labs

/// One column of the board: a step of one of the event's labs, with the titles to show.
struct BoardColumn: Sendable, Equatable {
  let id: LabStep
  let labTitle: String
  let title: String
  /// 1-based lab and step numbers, for the short header (`2.3`).
  let labNumber: Int
  let stepNumber: Int

  /// The columns for `labs` in order: every step of each.
  static func columns(for labs: [Lab]) -> [BoardColumn] {
    labs.enumerated().flatMap { labIndex, lab in
      lab.steps.enumerated().map { stepIndex, step in
        BoardColumn(
          id: LabStep(lab: lab.id, step: step.id), labTitle: lab.title, title: step.title,
          labNumber: labIndex + 1, stepNumber: stepIndex + 1)
      }
    }
  }

  /// `lab.step`, e.g. `2.3`.
  var shortName: String { "\(labNumber).\(stepNumber)" }
}

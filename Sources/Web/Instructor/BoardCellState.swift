/// What one learner has done on one step, as a board cell shows it (issue #5 item 2).
enum BoardCellState: String, Sendable, Equatable {
  case notStarted = "not-started"
  case active
  case done
  case solved

  init(_ record: StepRecord?) {
    guard let record, record.startedAt != nil else {
      self = .notStarted
      return
    }
    if record.completedAt == nil {
      self = .active
    } else {
      self = record.solvedBySolver ? .solved : .done
    }
  }

  /// The cell's text: one mark, with ``label`` as its title.
  var mark: String {
    switch self {
    case .notStarted: "·"
    case .active: "▶"
    case .done: "✓"
    case .solved: "★"
    }
  }

  var label: String {
    switch self {
    case .notStarted: "not started"
    case .active: "in progress"
    case .done: "done"
    case .solved: "solved by the solver"
    }
  }
}

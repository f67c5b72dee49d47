/// What an event looked like at the end (issue #5 item 4): completion per lab and step, the
/// median time per step (over learners who finished it), the steps where most learners got
/// stuck (by the board's rule, judged on the time each took) and the answers most often wrong.
struct EventSummary: Sendable, Equatable {
  struct StepLine: Sendable, Equatable {
    let column: BoardColumn
    let started: Int
    let done: Int
    /// Over learners who finished the step, in seconds.
    let medianSeconds: Double?
    /// Learners who took more than the board's stuck factor × the median (and its minimum) or
    /// failed its check ``Board/stuckFailures`` times.
    let stuck: Int
  }

  struct LabLine: Sendable, Equatable {
    let title: String
    /// Learners who finished every step.
    let completed: Int
  }

  let learners: Int
  let labs: [LabLine]
  let steps: [StepLine]
  let wrongAnswers: [WrongAnswer]

  /// How many steps the "most stuck" list shows.
  static let mostStuckLimit = 5

  init(columns: [BoardColumn], learners: [BoardLearner], wrongAnswers: [WrongAnswer], now: Double) {
    self.learners = learners.count
    self.wrongAnswers = wrongAnswers
    steps = columns.map { column in
      let records = learners.compactMap { $0.steps[column.id] }.filter { $0.startedAt != nil }
      let finished = records.compactMap { record in
        record.completedAt.flatMap { end in record.startedAt.map { end - $0 } }
      }
      let median = Statistics.median(finished)
      let stuck = records.count { record in
        let seconds = (record.completedAt ?? now) - (record.startedAt ?? now)
        let slow =
          median.map { seconds > Board.stuckFactor * $0 && seconds > Board.stuckMinimumSeconds }
          ?? false
        return slow || record.attempts >= Board.stuckFailures
      }
      return StepLine(
        column: column, started: records.count, done: finished.count, medianSeconds: median,
        stuck: stuck)
    }
    var labs: [LabLine] = []
    var seen: [String] = []
    for column in columns where !seen.contains(column.id.lab) {
      seen.append(column.id.lab)
      let labSteps = columns.filter { $0.id.lab == column.id.lab }.map(\.id)
      let completed = learners.count { learner in
        labSteps.allSatisfy { learner.steps[$0]?.completedAt != nil }
      }
      labs.append(LabLine(title: column.labTitle, completed: completed))
    }
    self.labs = labs
  }

  /// The steps with stuck learners, most first, at most ``mostStuckLimit``.
  var mostStuck: [StepLine] {
    Array(steps.filter { $0.stuck > 0 }.sorted { $0.stuck > $1.stuck }.prefix(Self.mostStuckLimit))
  }
}

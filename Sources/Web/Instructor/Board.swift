/// The live board of one event (issue #5 item 2): learners × steps with each cell's state, each
/// learner's current step, time on it, failed attempts, hints and sandbox, the stuck learners
/// first, and counts per step for the room. Pure: built from one read of the store.
struct Board: Sendable, Equatable {
  /// A learner is stuck on a step after more than this times the room's median time on it…
  static let stuckFactor = 2.0
  /// …and more than this many seconds,
  static let stuckMinimumSeconds = 5.0 * 60
  /// or after this many failed checks in a row. A passing check completes the step, so every
  /// failure counted on an unfinished step (`attempts`) came in a row.
  static let stuckFailures = 3

  let columns: [BoardColumn]
  /// Stuck learners first, then by name.
  let rows: [BoardRow]
  /// Learners working on each column now.
  let activeCounts: [Int]
  /// Learners who finished each column (themselves or with the solver).
  let doneCounts: [Int]
  /// The room's median seconds on each column, over everyone who started it.
  let medians: [Double?]

  /// - Parameters:
  ///   - sandboxes: each learner's sandbox phase; missing means `none`.
  ///   - now: Unix seconds.
  init(columns: [BoardColumn], learners: [BoardLearner], sandboxes: [Int64: String], now: Double) {
    self.columns = columns
    var medians: [Double?] = []
    var active = [Int](repeating: 0, count: columns.count)
    var done = [Int](repeating: 0, count: columns.count)
    for (index, column) in columns.enumerated() {
      var times: [Double] = []
      for learner in learners {
        guard let record = learner.steps[column.id], let started = record.startedAt else {
          continue
        }
        times.append((record.completedAt ?? now) - started)
        if record.completedAt == nil { active[index] += 1 } else { done[index] += 1 }
      }
      medians.append(Statistics.median(times))
    }
    self.medians = medians
    activeCounts = active
    doneCounts = done
    let rows = learners.map { learner in
      Self.row(learner, columns: columns, medians: medians, sandboxes: sandboxes, now: now)
    }
    self.rows = rows.sorted { left, right in
      if (left.stuck != nil) != (right.stuck != nil) { return left.stuck != nil }
      if left.name != right.name { return left.name < right.name }
      return left.learnerID < right.learnerID
    }
  }

  var stuckCount: Int { rows.count { $0.stuck != nil } }

  private static func row(
    _ learner: BoardLearner, columns: [BoardColumn], medians: [Double?],
    sandboxes: [Int64: String], now: Double
  ) -> BoardRow {
    let cells = columns.map { BoardCellState(learner.steps[$0.id]) }
    let current = columns.indices.filter { cells[$0] == .active }.max { left, right in
      (learner.steps[columns[left].id]?.startedAt ?? 0)
        < (learner.steps[columns[right].id]?.startedAt ?? 0)
    }
    let record = current.flatMap { learner.steps[columns[$0].id] }
    let seconds = record?.startedAt.map { now - $0 }
    var stuck: String?
    if let current, let record, let seconds {
      if record.attempts >= stuckFailures {
        stuck = "\(record.attempts) failed checks in a row"
      } else if seconds > stuckMinimumSeconds, let median = medians[current],
        seconds > stuckFactor * median
      {
        stuck = "\(Statistics.duration(seconds)) on it, room median \(Statistics.duration(median))"
      }
    }
    return BoardRow(
      learnerID: learner.id, name: learner.name, cells: cells, current: current,
      secondsOnCurrent: seconds, failedAttempts: record?.attempts ?? 0,
      hintsSeen: record?.hintsSeen ?? 0, sandbox: sandboxes[learner.id] ?? "none", stuck: stuck)
  }
}

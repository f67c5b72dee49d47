import Store

/// One event as instructors set it up (issue #5 item 1): name, join code, when it opens and
/// closes (Unix seconds, both optional), how many learners it takes (`nil`: no limit), its labs
/// in order (empty: every served lab), whether the solver may be allowed, and after how many
/// idle minutes a learner's sandbox stops.
struct EventSettings: Sendable, Equatable {
  var id: Int64?
  var name: String
  var code: String
  var opensAt: Double?
  var closesAt: Double?
  var capacity: Int?
  var labs: [String]
  var solverAllowed: Bool
  var idleStopMinutes: Int

  /// Largest capacity accepted.
  static let maxCapacity = 10_000
  /// Idle-stop minutes accepted.
  static let idleStopRange = 5...24 * 60
  /// Most labs one event lists.
  static let maxLabs = 100

  /// A new event's defaults: open now, no limit, every lab, solver allowed, 30 idle minutes.
  static func fresh(code: String) -> EventSettings {
    EventSettings(
      id: nil, name: "", code: code, opensAt: nil, closesAt: nil, capacity: nil, labs: [],
      solverAllowed: true, idleStopMinutes: 30)
  }

  /// Reads a row of `SELECT * FROM events`, with the event's labs in order.
  init?(row: Row, labs: [String]) {
    guard let id = row.int64("id"), let name = row.string("name"),
      let code = row.string("join_code")
    else { return nil }
    self.init(
      id: id, name: name, code: code, opensAt: row.double("opens_at"),
      closesAt: row.double("closes_at"), capacity: row.int("capacity"), labs: labs,
      solverAllowed: row.bool("solver_allowed") ?? true,
      idleStopMinutes: row.int("idle_stop_minutes") ?? 30)
  }

  init(
    id: Int64?, name: String, code: String, opensAt: Double?, closesAt: Double?, capacity: Int?,
    labs: [String], solverAllowed: Bool, idleStopMinutes: Int
  ) {
    self.id = id
    self.name = name
    self.code = code
    self.opensAt = opensAt
    self.closesAt = closesAt
    self.capacity = capacity
    self.labs = labs
    self.solverAllowed = solverAllowed
    self.idleStopMinutes = idleStopMinutes
  }

  /// Whether the event takes learners at `time`.
  func isOpen(at time: Double) -> Bool {
    (opensAt.map { time >= $0 } ?? true) && (closesAt.map { time < $0 } ?? true)
  }
}

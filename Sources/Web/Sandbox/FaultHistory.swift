import Store

/// The learners' fault history in the workshop database; every write is committed before it
/// returns (DESIGN.md "Storage").
struct FaultHistory: Sendable {
  let database: Database

  /// The most faults one listing returns, newest first.
  static let listLimit = 200

  private static let columns = "id, kind, target, params, started_at, ended_at"

  /// Stores a fault the learner just triggered.
  func record(
    learnerID: Int64, kind: String, target: String, params: String, at time: Double,
    instantaneous: Bool
  ) throws -> FaultRecord {
    let ended: SQLValue = instantaneous ? .real(time) : .null
    let id = try database.write { connection in
      _ = try connection.execute(
        """
        INSERT INTO faults (learner_id, kind, target, params, started_at, ended_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        [.integer(learnerID), .text(kind), .text(target), .text(params), .real(time), ended])
      return connection.lastInsertRowID
    }
    return FaultRecord(
      id: id, kind: kind, target: target, params: params, startedAt: time,
      endedAt: instantaneous ? time : nil)
  }

  /// The learner's faults, newest first.
  func list(learnerID: Int64) throws -> [FaultRecord] {
    try database.read { connection in
      try connection.query(
        "SELECT \(Self.columns) FROM faults WHERE learner_id = ? ORDER BY started_at DESC, id DESC LIMIT ?",
        [.integer(learnerID), .integer(Int64(Self.listLimit))]
      ).compactMap(FaultRecord.init(row:))
    }
  }

  /// The learner's own fault `id` while it is open; `nil` for anyone else's, unknown or ended.
  func openFault(id: Int64, learnerID: Int64) throws -> FaultRecord? {
    try database.read { connection in
      try connection.queryOne(
        "SELECT \(Self.columns) FROM faults WHERE id = ? AND learner_id = ? AND ended_at IS NULL",
        [.integer(id), .integer(learnerID)]
      ).flatMap(FaultRecord.init(row:))
    }
  }

  /// Ends fault `id` of the learner at `time`, when still open.
  func end(id: Int64, learnerID: Int64, at time: Double) throws {
    _ = try database.write { connection in
      try connection.execute(
        "UPDATE faults SET ended_at = ? WHERE id = ? AND learner_id = ? AND ended_at IS NULL",
        [.real(time), .integer(id), .integer(learnerID)])
    }
  }

  /// Ends every open fault of the learner at `time` (their sandbox stopped).
  func endAll(learnerID: Int64, at time: Double) throws {
    _ = try database.write { connection in
      try connection.execute(
        "UPDATE faults SET ended_at = ? WHERE learner_id = ? AND ended_at IS NULL",
        [.real(time), .integer(learnerID)])
    }
  }
}

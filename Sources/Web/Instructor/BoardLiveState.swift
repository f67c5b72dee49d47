/// The parts of the board page that change while learners work, as element id → text and
/// `data-state`, plus the order of the rows. The page renders these values and the board's
/// event stream sends the ones that changed (HTML Living Standard §9.2); a new learner or a
/// changed column list asks the page to reload instead.
struct BoardLiveState: Sendable, Equatable {
  struct Entry: Sendable, Equatable {
    let id: String
    let text: String
    let state: String?
  }

  /// In page order.
  let entries: [Entry]
  /// Row ids, top to bottom.
  let order: [String]
  /// What the page's structure depends on: the learners and the columns.
  let shape: [String]

  init(_ board: Board) {
    var entries = [Entry(id: Self.stuckCountID, text: String(board.stuckCount), state: nil)]
    for index in board.columns.indices {
      entries.append(
        Entry(id: Self.countID(index), text: Self.countText(board, index), state: nil))
    }
    for row in board.rows {
      let id = Self.rowID(row.learnerID)
      entries.append(
        Entry(id: id + "-stuck", text: row.stuck ?? "", state: row.stuck == nil ? "no" : "yes"))
      entries.append(
        Entry(
          id: id + "-current", text: row.current.map { board.columns[$0].title } ?? "–",
          state: nil))
      entries.append(
        Entry(
          id: id + "-time", text: row.secondsOnCurrent.map(Statistics.duration) ?? "–",
          state: nil))
      entries.append(Entry(id: id + "-failed", text: String(row.failedAttempts), state: nil))
      entries.append(Entry(id: id + "-hints", text: String(row.hintsSeen), state: nil))
      entries.append(Entry(id: id + "-sandbox", text: row.sandbox, state: row.sandbox))
      for (index, cell) in row.cells.enumerated() {
        entries.append(
          Entry(id: Self.cellID(row.learnerID, index), text: cell.mark, state: cell.rawValue))
      }
    }
    self.entries = entries
    order = board.rows.map { Self.rowID($0.learnerID) }
    shape =
      board.columns.map { "\($0.id.lab)/\($0.id.step)" }
      + board.rows.map { String($0.learnerID) }.sorted()
  }

  /// The entries whose text or state differ from `previous` (all of them when it is nil).
  func changes(since previous: BoardLiveState?) -> [Entry] {
    guard let previous else { return entries }
    var before: [String: Entry] = [:]
    for entry in previous.entries { before[entry.id] = entry }
    return entries.filter { before[$0.id] != $0 }
  }

  static let stuckCountID = "board-stuck-count"
  static func rowID(_ learnerID: Int64) -> String { "r-\(learnerID)" }
  static func cellID(_ learnerID: Int64, _ column: Int) -> String { "c-\(learnerID)-\(column)" }
  static func countID(_ column: Int) -> String { "n-\(column)" }

  /// `2 on it · 5 done`.
  static func countText(_ board: Board, _ column: Int) -> String {
    "\(board.activeCounts[column]) on it · \(board.doneCounts[column]) done"
  }
}

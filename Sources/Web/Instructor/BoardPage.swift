/// The live board as HTML (issue #5 item 2): one table, learners × steps, the room's counts in
/// the head. Every changing value comes from ``BoardLiveState``, so the page and its event
/// stream always agree. Without script the page reloads itself (`<noscript>` refresh, HTML
/// Living Standard §4.2.5.3); with `app.js` the stream updates it in place.
struct BoardPage {
  let board: Board
  let eventID: Int64
  let eventName: String

  /// Seconds between reloads without script.
  static let refreshSeconds = 15

  var head: String {
    #"<noscript><meta http-equiv="refresh" content="\#(Self.refreshSeconds)"></noscript>"#
  }

  var body: String {
    let state = BoardLiveState(board)
    var texts: [String: BoardLiveState.Entry] = [:]
    for entry in state.entries { texts[entry.id] = entry }
    func cell(_ id: String, _ tag: String = "td", _ extra: String = "") -> String {
      let entry = texts[id]
      let stateAttribute = entry?.state.map { " data-state=\"\(HTML.escape($0))\"" } ?? ""
      return
        "<\(tag) id=\"\(id)\"\(stateAttribute)\(extra)>\(HTML.escape(entry?.text ?? ""))</\(tag)>"
    }
    var html = """
      <h1>Live board: \(HTML.escape(eventName))</h1>
      <section class="board-live" id="board" data-board-sse="/instructor/board/events?event=\(eventID)">
      <p class="board-summary">\(board.rows.count) learners, \
      \(cell(BoardLiveState.stuckCountID, "span")) stuck · \
      <a href="/instructor/summary?event=\(eventID)">Summary</a> · \
      <a href="/instructor/export.csv?event=\(eventID)">CSV</a> · \
      <a href="/instructor/export.json?event=\(eventID)">JSON</a></p>
      <p class="muted board-legend">· not started, ▶ in progress, ✓ done, ★ solved by the solver. \
      Stuck: on a step more than \(Int(Board.stuckFactor))× the room's median time (and over \
      \(Int(Board.stuckMinimumSeconds / 60)) min), or \(Board.stuckFailures) failed checks in a row.</p>
      <div class="board-scroll">
      <table class="board">
      <thead><tr><th scope="col">Learner</th><th scope="col">Current step</th>\
      <th scope="col">Time on it</th><th scope="col">Failed checks</th><th scope="col">Hints</th>\
      <th scope="col">Sandbox</th>
      """
    for column in board.columns {
      html +=
        "<th scope=\"col\" class=\"step\" title=\"\(HTML.escape(column.labTitle)): \(HTML.escape(column.title))\">\(column.shortName)</th>"
    }
    html += "</tr>\n<tr class=\"board-counts\"><th scope=\"row\" colspan=\"6\">Whole room</th>"
    for index in board.columns.indices {
      html += cell(BoardLiveState.countID(index))
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in board.rows {
      let id = BoardLiveState.rowID(row.learnerID)
      html += """
        <tr id="\(id)"><th scope="row"><a href="/instructor/learners/\(row.learnerID)">\
        \(HTML.escape(row.name))</a> \(cell(id + "-stuck", "span", " class=\"stuck-mark\""))</th>\
        \(cell(id + "-current"))\(cell(id + "-time"))\(cell(id + "-failed"))\(cell(id + "-hints"))\
        \(cell(id + "-sandbox"))
        """
      for index in row.cells.indices {
        let column = board.columns[index]
        html += cell(
          BoardLiveState.cellID(row.learnerID, index), "td",
          " class=\"cell\" title=\"\(HTML.escape(column.shortName)) \(HTML.escape(column.title))\"")
      }
      html += "</tr>\n"
    }
    if board.rows.isEmpty {
      html += "<tr><td colspan=\"\(6 + board.columns.count)\">Nobody has joined yet.</td></tr>\n"
    }
    return html + "</tbody></table></div>\n</section>\n"
  }
}

import Foundation
import Wire

extension WebApp {
  /// Most wrong answers the summary lists.
  static let summaryWrongAnswerLimit = 10

  /// `GET /instructor/summary?event=<id>`: the event's summary (``EventSummary``).
  func summaryPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let event = try selectedEvent(request)
    let id = event.id ?? 0
    let columns = BoardColumn.columns(for: labs(of: event))
    let summary = EventSummary(
      columns: columns, learners: try progress.store.boardLearners(eventID: id),
      wrongAnswers: try progress.store.commonWrongAnswers(
        eventID: id, limit: Self.summaryWrongAnswerLimit),
      now: configuration.clock().timeIntervalSince1970)
    var titles: [LabStep: String] = [:]
    for column in columns { titles[column.id] = "\(column.shortName) \(column.title)" }
    var body = """
      <h1>Summary: \(HTML.escape(event.name))</h1>
      <p>\(summary.learners) learners · <a href="/instructor/board?event=\(id)">Live board</a> · \
      Export: <a href="/instructor/export.csv?event=\(id)">CSV</a>, \
      <a href="/instructor/export.json?event=\(id)">JSON</a></p>
      <h2>Labs completed</h2>
      <table class="summary" id="summary-labs"><thead><tr><th>Lab</th><th>Learners who finished it</th></tr></thead><tbody>

      """
    for lab in summary.labs {
      body +=
        "<tr><td>\(HTML.escape(lab.title))</td><td>\(lab.completed) of \(summary.learners)</td></tr>\n"
    }
    body += """
      </tbody></table>
      <h2>Steps</h2>
      <table class="summary" id="summary-steps"><thead><tr><th>Step</th><th>Started</th><th>Done</th>\
      <th>Median time</th><th>Stuck</th></tr></thead><tbody>

      """
    for line in summary.steps {
      body += """
        <tr><td>\(HTML.escape(titles[line.column.id] ?? ""))</td><td>\(line.started)</td>\
        <td>\(line.done)</td><td>\(line.medianSeconds.map(Statistics.duration) ?? "–")</td>\
        <td>\(line.stuck)</td></tr>

        """
    }
    body += "</tbody></table>\n<h2>Where learners got stuck</h2>\n"
    let stuck = summary.mostStuck
    if stuck.isEmpty {
      body += "<p>Nobody got stuck.</p>\n"
    } else {
      body +=
        "<ol id=\"summary-stuck\">"
        + stuck.map {
          "<li>\(HTML.escape(titles[$0.column.id] ?? "")): \($0.stuck) learner\($0.stuck == 1 ? "" : "s")</li>"
        }.joined() + "</ol>\n"
    }
    body += "<h2>Answers most often wrong</h2>\n"
    if summary.wrongAnswers.isEmpty {
      body += "<p>No wrong answers.</p>\n"
    } else {
      body +=
        "<ol id=\"summary-wrong\">"
        + summary.wrongAnswers.map {
          "<li>“\(HTML.escape($0.text))” on \(HTML.escape(titles[$0.step] ?? "\($0.step.lab)/\($0.step.step)")): \($0.count)×</li>"
        }.joined() + "</ol>\n"
    }
    return .html(.ok, Layout.page(title: "Summary", viewer: visitor.viewer, body: body))
  }

  /// `GET /instructor/export.csv?event=<id>`: ``ProgressExport`` as a CSV download.
  func exportCSV(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let (event, export) = try progressExport(request, visitor, format: "csv")
    var response = HTTPResponse(
      status: .ok, contentType: "text/csv; charset=utf-8; header=present", text: export.csv)
    response.headers.set(
      "Content-Disposition", "attachment; filename=\"event-\(event)-progress.csv\"")
    response.headers.set("Cache-Control", "no-store")
    return response
  }

  /// `GET /instructor/export.json?event=<id>`: ``ProgressExport`` as JSON.
  func exportJSON(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let (event, export) = try progressExport(request, visitor, format: "json")
    var response = HTTPResponse.json(.ok, export.json)
    response.headers.set(
      "Content-Disposition", "attachment; filename=\"event-\(event)-progress.json\"")
    return response
  }

  /// The export of the requested event; the download is written to the audit log.
  private func progressExport(_ request: HTTPRequest, _ visitor: Visitor, format: String) throws
    -> (Int64, ProgressExport)
  {
    let event = try selectedEvent(request)
    let id = event.id ?? 0
    let export = ProgressExport(
      columns: BoardColumn.columns(for: labs(of: event)),
      learners: try progress.store.boardLearners(eventID: id),
      answers: try progress.store.answerTallies(eventID: id))
    try audit(visitor, "export.\(format)", "event \(id)")
    return (id, export)
  }
}

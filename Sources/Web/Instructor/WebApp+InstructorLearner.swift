import Foundation
import Labs
import Wire

extension WebApp {
  /// The learner a `/instructor/learners/{learner}` request names; 404 for an unknown one.
  func instructedLearner(_ request: HTTPRequest) throws -> (
    id: Int64, name: String, event: EventSettings
  ) {
    guard let text = request.pathParameters["learner"], text.utf8.count <= 19,
      let id = Int64(text),
      let name = try database.read({
        try $0.queryOne("SELECT display_name FROM learners WHERE id = ?", [.integer(id)])?
          .string("display_name")
      }),
      let event = try eventStore.event(ofLearner: id)
    else { throw HTTPError(.notFound, "no such learner") }
    return (id, name, event)
  }

  /// `GET /instructor/learners/{learner}`: the learner up close — timeline, progress, their
  /// sandbox page read-only, and the instructor's actions.
  func learnerPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let query = try FormData(parsing: Array((request.query ?? "").utf8))
    let notice = query["done"].flatMap { Self.actionNotices[$0] }
    return try renderLearnerPage(request, visitor, status: .ok, notice: notice, message: nil)
  }

  /// What the page says after each action's 303.
  static let actionNotices = [
    "reset": "The sandbox was reset.", "stop": "The sandbox was stopped.",
    "extend": "The sandbox's idle time was extended.",
    "solver": "The solver is allowed on that step.",
    "message": "Message sent.",
  ]

  func renderLearnerPage(
    _ request: HTTPRequest, _ visitor: Visitor, status: HTTPStatus, notice: String?,
    message: String?
  ) throws -> HTTPResponse {
    let learner = try instructedLearner(request)
    let labs = labs(of: learner.event)
    var titles: [LabStep: String] = [:]
    for lab in labs {
      for step in lab.steps { titles[LabStep(lab: lab.id, step: step.id)] = step.title }
    }
    let timeline = try LearnerTimeline.load(database, learnerID: learner.id, stepTitles: titles)
    let board = try board(of: learner.event)
    let row = board.rows.first { $0.learnerID == learner.id }
    var body = "<h1>\(HTML.escape(learner.name))</h1>\n"
    body += """
      <p><a href="/instructor/board?event=\(learner.event.id ?? 0)">Back to the board</a> · \
      event \(HTML.escape(learner.event.name))</p>

      """
    if let notice { body += "<p class=\"notice\" role=\"status\">\(HTML.escape(notice))</p>\n" }
    if let message { body += Layout.message(message) + "\n" }
    if let row {
      let current = row.current.map { board.columns[$0].title } ?? "none"
      body += """
        <p class="learner-now">Current step: <strong id="learner-current">\(HTML.escape(current))</strong>\
        \(row.secondsOnCurrent.map { " for " + Statistics.duration($0) } ?? "") · failed checks: \
        \(row.failedAttempts) · hints: \(row.hintsSeen) · sandbox: <span id="learner-sandbox">\
        \(HTML.escape(row.sandbox))</span>\(row.stuck.map { " · <strong class=\"error\">stuck: \(HTML.escape($0))</strong>" } ?? "")</p>

        """
    }
    body += learnerActions(visitor, learnerID: learner.id, labs: labs, event: learner.event)
    body += "<h2>Timeline</h2>\n<ol class=\"timeline\" id=\"timeline\">\n"
    for entry in timeline {
      let time = ISOTime.string(entry.at)
      body += """
        <li data-kind="\(HTML.escape(entry.kind))"><time datetime="\(time)">\(HTML.escape(String(time.prefix(19)).replacingOccurrences(of: "T", with: " ")))</time>\
        \(HTML.escape(entry.text))</li>

        """
    }
    body +=
      "</ol>\n" + readOnlySandbox(learnerID: learner.id) + readOnlyTelemetry(learnerID: learner.id)
    return .html(status, Layout.page(title: learner.name, viewer: visitor.viewer, body: body))
  }

  /// The learner's latest log lines and their service map, as their own pages show them but
  /// without forms or live updates (issue #5 item 3). Empty when sandboxes are off.
  private func readOnlyTelemetry(learnerID: Int64) -> String {
    guard sandboxes != nil else { return "" }
    let search = LogSearch()
    let logs = LogsPage(
      search: search, result: try? logResult(learnerID: learnerID, search: search), message: nil)
    var html = """
      <section class="readonly-telemetry"><h2>Their logs (latest \(search.limit) lines)</h2>
      \(logs.plainLines)
      <h2>Their service map (last \(TraceWindow.defaultMinutes) minutes)</h2>

      """
    let window = TraceWindow(now: configuration.clock().timeIntervalSince1970)
    if let graph = try? traceStore(learnerID: learnerID).serviceGraph(
      start: window.start, end: window.end)
    {
      html += ServiceMapPage(map: ServiceMap(graph), window: window).overview
    } else {
      html += "<p>The trace store cannot be read.</p>"
    }
    return html + "\n</section>\n"
  }

  /// The learner's sandbox as their own page shows it (processes with charts and output, their
  /// faults), without any form: the instructor looks, the actions above act.
  private func readOnlySandbox(learnerID: Int64) -> String {
    var html = "<section class=\"readonly-sandbox\"><h2>Their sandbox (read-only)</h2>\n"
    guard let sandboxes else { return html + "<p>Sandboxes are not enabled.</p></section>\n" }
    let id = SandboxService.sandboxID(learnerID: learnerID)
    let faults = (try? sandboxes.history.list(learnerID: learnerID)) ?? []
    let page = SandboxPage(
      status: sandboxes.agent.status(sandboxID: id, logLines: SandboxPage.outputLines),
      faults: faults, definition: sandboxes.definition, csrf: "", message: nil)
    if let status = page.status {
      html +=
        "<p>Sandbox <code>\(HTML.escape(status.id))</code> is \(HTML.escape(status.phase.rawValue)).</p>\n"
      html += page.processes(status)
    } else {
      html += "<p>No sandbox yet.</p>\n"
    }
    html += "<h3>Their faults</h3>\n"
    if faults.isEmpty { return html + "<p>None yet.</p></section>\n" }
    html +=
      "<table class=\"faults\"><thead><tr><th>Kind</th><th>Target</th><th>Parameters</th><th>Started</th><th>Ended</th></tr></thead><tbody>\n"
    for fault in faults {
      html += """
        <tr><td>\(HTML.escape(fault.kind))</td><td>\(HTML.escape(fault.target))</td>\
        <td><code>\(HTML.escape(fault.params))</code></td><td>\(ISOTime.string(fault.startedAt))</td>\
        <td>\(fault.endedAt.map(ISOTime.string) ?? "open")</td></tr>

        """
    }
    return html + "</tbody></table></section>\n"
  }

  /// The action forms: reset, stop and extend the sandbox, allow the solver on one step (when
  /// the event allows it), send a message.
  private func learnerActions(
    _ visitor: Visitor, learnerID: Int64, labs: [Lab], event: EventSettings
  ) -> String {
    let base = "/instructor/learners/\(learnerID)"
    let csrf = Self.hidden(CSRF.fieldName, visitor.session.csrfToken)
    func button(_ path: String, _ label: String) -> String {
      "<form method=\"post\" action=\"\(base)/\(path)\">\(csrf)<button type=\"submit\">\(label)</button></form>"
    }
    var html = "<section class=\"instructor-actions\"><h2>Step in</h2>\n"
    html += button("sandbox/reset", "Reset sandbox") + button("sandbox/stop", "Stop sandbox")
    html += button("sandbox/extend", "Extend sandbox") + "\n"
    if event.solverAllowed {
      let options = labs.flatMap { lab in
        lab.steps.map { step in
          "<option value=\"\(HTML.escape(lab.id))/\(HTML.escape(step.id))\">\(HTML.escape(lab.title)): \(HTML.escape(step.title))</option>"
        }
      }.joined()
      html += """
        <form method="post" action="\(base)/solver">\(csrf)<label>Allow the solver on \
        <select name="step">\(options)</select></label> <button type="submit">Allow</button></form>

        """
    }
    html += """
      <form method="post" action="\(base)/messages" class="message">\(csrf)\
      <label>Message to the learner <textarea name="text" rows="2" maxlength="\(LearnerMessage.maxCharacters)" required></textarea></label> \
      <button type="submit">Send message</button></form>
      </section>

      """
    return html
  }

  /// Runs an instructor action on the learner: `action` does it and returns the sentence for
  /// the timeline; the activity line and the audit line are written together; 303 back with
  /// a notice. A 4xx refusal shows the page with its reason.
  func learnerAction(
    _ request: HTTPRequest, _ visitor: Visitor, name: String,
    _ action: (Int64, EventSettings) async throws -> String
  ) async throws -> HTTPResponse {
    let learner = try instructedLearner(request)
    let sentence: String
    do {
      sentence = try await action(learner.id, learner.event)
    } catch let error as HTTPError
      where error.status.statusClass == 4 || error.status == .serviceUnavailable
    {
      return try renderLearnerPage(
        request, visitor, status: error.status, notice: nil, message: error.message)
    }
    let now = configuration.clock()
    try database.write { connection in
      try ActivityLog.record(
        connection, learnerID: learner.id, kind: "instructor.\(name)",
        detail: "\(visitor.account.name): \(sentence)", at: now.timeIntervalSince1970)
      try AccountService.audit(
        connection, now: now, actor: Self.actor(visitor), action: "learner.\(name)",
        detail: "learner \(learner.id): \(sentence)")
    }
    return .seeOther("/instructor/learners/\(learner.id)?done=\(name)")
  }

  /// The sandboxes, or 503 when this server runs none.
  func instructorSandboxes() throws -> SandboxService {
    guard let sandboxes else {
      throw HTTPError(.serviceUnavailable, "sandboxes are not enabled on this server")
    }
    return sandboxes
  }

  /// `POST …/sandbox/reset`: stops the learner's sandbox (when there is one) and starts it
  /// fresh.
  func sandboxReset(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) async throws
    -> HTTPResponse
  {
    try await learnerAction(request, visitor, name: "reset") { learnerID, _ in
      let service = try instructorSandboxes()
      do { try await service.stop(learnerID: learnerID) } catch let error as HTTPError
        where error.status == .notFound
      {}
      _ = try await service.start(learnerID: learnerID)
      try applyIdleStop(service, learnerID: learnerID)
      return "reset the sandbox"
    }
  }

  /// `POST …/sandbox/stop`: stops the learner's sandbox; 404 when there is none.
  func sandboxStopped(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) async throws
    -> HTTPResponse
  {
    try await learnerAction(request, visitor, name: "stop") { learnerID, _ in
      try await instructorSandboxes().stop(learnerID: learnerID)
      return "stopped the sandbox"
    }
  }

  /// `POST …/sandbox/extend`: counts as activity, so the idle stop starts counting again.
  func sandboxExtended(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) async throws
    -> HTTPResponse
  {
    try await learnerAction(request, visitor, name: "extend") { learnerID, event in
      let service = try instructorSandboxes()
      guard service.status(learnerID: learnerID) != nil else { throw SandboxService.noSandbox }
      return "extended the sandbox by \(event.idleStopMinutes) idle minutes"
    }
  }

  /// `POST …/solver` `step=<lab>/<step>`: lets the solver perform that one step for the learner;
  /// 403 when the event does not allow the solver, 404 for an unknown step.
  func solverGranted(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) async throws
    -> HTTPResponse
  {
    try await learnerAction(request, visitor, name: "solver") { learnerID, event in
      guard try solverAllowed(forLearner: learnerID) else {
        throw HTTPError(.forbidden, "this event does not allow the solver")
      }
      let parts = (form["step"] ?? "").split(separator: "/", maxSplits: 1).map(String.init)
      guard parts.count == 2, labs(of: event).contains(where: { $0.id == parts[0] }) else {
        throw HTTPError(.notFound, "choose a step of this event's labs")
      }
      try progress.allowSolver(
        learnerID: learnerID, labID: parts[0], stepID: parts[1], allowed: true)
      return "allowed the solver on \(parts[0])/\(parts[1])"
    }
  }

  /// `POST …/messages` `text=…`: a message the learner sees on their next page.
  func messageSent(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) async throws
    -> HTTPResponse
  {
    try await learnerAction(request, visitor, name: "message") { learnerID, _ in
      let text = try LearnerMessageStore.validate(form["text"] ?? "")
      try LearnerMessageStore(database: database).send(
        learnerID: learnerID, sender: visitor.account.name, text: text,
        at: configuration.clock().timeIntervalSince1970)
      return "sent a message: \(text)"
    }
  }
}

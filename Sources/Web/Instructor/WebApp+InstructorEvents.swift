import Labs
import Wire

extension WebApp {
  var eventStore: EventStore { EventStore(database: database) }

  /// The event named by `?event=<id>`, else the default event; 404 for an unknown one.
  func selectedEvent(_ request: HTTPRequest) throws -> EventSettings {
    let query = try FormData(parsing: Array((request.query ?? "").utf8))
    return try event(id: query["event"] ?? String(accounts.defaultEvent.id))
  }

  /// Event `text` (an id); 404 unless it exists.
  func event(id text: String) throws -> EventSettings {
    guard text.utf8.count <= 19, let id = Int64(text), let event = try eventStore.event(id) else {
      throw HTTPError(.notFound, "no such event")
    }
    return event
  }

  /// The served labs of `event` in its order; every served lab when it lists none.
  func labs(of event: EventSettings) -> [Lab] {
    guard !event.labs.isEmpty else { return progress.labs }
    return event.labs.compactMap { id in progress.labs.first { $0.id == id } }
  }

  /// `GET /instructor/events`: every event with its links, and the form for a new one.
  func eventsPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    try renderEventsPage(
      visitor, status: .ok, draft: .fresh(code: EventCode.generate()), message: nil)
  }

  /// `POST /instructor/events`: creates an event (303 to its page), or shows the form again
  /// with what is wrong.
  func eventCreated(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) throws
    -> HTTPResponse
  {
    let settings: EventSettings
    do {
      settings = try EventSettings(form: form, id: nil, servedLabs: progress.labs.map(\.id))
      let id = try eventStore.save(settings, actor: Self.actor(visitor), now: configuration.clock())
      return .seeOther("/instructor/events/\(id)")
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return try renderEventsPage(
        visitor, status: error.status, draft: Self.draft(form, id: nil), message: error.message)
    }
  }

  /// `GET /instructor/events/{id}`: the event's settings as a form.
  func eventPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let event = try event(id: request.pathParameters["event"] ?? "")
    return renderEventPage(visitor, status: .ok, settings: event, message: nil)
  }

  /// `POST /instructor/events/{id}`: saves the settings (303 back) or shows what is wrong.
  func eventUpdated(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) throws
    -> HTTPResponse
  {
    let existing = try event(id: request.pathParameters["event"] ?? "")
    do {
      let settings = try EventSettings(
        form: form, id: existing.id, servedLabs: progress.labs.map(\.id))
      _ = try eventStore.save(settings, actor: Self.actor(visitor), now: configuration.clock())
      return .seeOther("/instructor/events/\(existing.id ?? 0)?saved=1")
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return renderEventPage(
        visitor, status: error.status, settings: Self.draft(form, id: existing.id),
        message: error.message)
    }
  }

  /// What the form held, to show it again after a refusal (unchecked; escaped when shown).
  private static func draft(_ form: FormData, id: Int64?) -> EventSettings {
    EventSettings(
      id: id, name: String((form["name"] ?? "").prefix(64)),
      code: String((form["code"] ?? "").prefix(8)),
      opensAt: (form["opens"]).flatMap(UTCMinute.parse),
      closesAt: (form["closes"]).flatMap(UTCMinute.parse),
      capacity: form["capacity"].flatMap { Int($0.prefix(6)) },
      labs: (form["labs"] ?? "").prefix(8 * 1024).split(whereSeparator: \.isNewline).map(
        String.init),
      solverAllowed: form["solver"] != nil,
      idleStopMinutes: form["idle"].flatMap { Int($0.prefix(6)) } ?? 30)
  }

  private func renderEventsPage(
    _ visitor: Visitor, status: HTTPStatus, draft: EventSettings, message: String?
  ) throws -> HTTPResponse {
    var body = "<h1>Events</h1>\n"
    body += """
      <table class="events"><thead><tr><th>Event</th><th>Join code</th><th>Open</th>\
      <th>Learners</th><th></th></tr></thead>
      <tbody>

      """
    let now = configuration.clock().timeIntervalSince1970
    for event in try eventStore.list() {
      let id = event.id ?? 0
      let learners = try accounts.learnerCount(eventID: id)
      let capacity = event.capacity.map { " of \($0)" } ?? ""
      body += """
        <tr><td><a href="/instructor/events/\(id)">\(HTML.escape(event.name))</a></td>\
        <td class="code">\(HTML.escape(event.code))</td><td>\(event.isOpen(at: now) ? "open" : "closed")</td>\
        <td>\(learners)\(capacity)</td><td><a href="/instructor/board?event=\(id)">board</a> · \
        <a href="/instructor/summary?event=\(id)">summary</a> · \
        <a href="/instructor/export.csv?event=\(id)">CSV</a> · \
        <a href="/instructor/export.json?event=\(id)">JSON</a></td></tr>

        """
    }
    body += "</tbody></table>\n<h2>New event</h2>\n"
    if let message { body += Layout.message(message) + "\n" }
    body += eventForm(
      visitor, action: "/instructor/events", settings: draft, button: "Create event")
    return .html(status, Layout.page(title: "Events", viewer: visitor.viewer, body: body))
  }

  private func renderEventPage(
    _ visitor: Visitor, status: HTTPStatus, settings: EventSettings, message: String?
  ) -> HTTPResponse {
    let id = settings.id ?? 0
    var body = """
      <h1>\(HTML.escape(settings.name))</h1>
      <p><a href="/instructor/board?event=\(id)">Live board</a> · \
      <a href="/instructor/summary?event=\(id)">Summary</a> · <a href="/instructor/events">All events</a></p>

      """
    if let message { body += Layout.message(message) + "\n" }
    body += eventForm(
      visitor, action: "/instructor/events/\(id)", settings: settings, button: "Save")
    return .html(status, Layout.page(title: settings.name, viewer: visitor.viewer, body: body))
  }

  /// The event settings form, filled with `settings`.
  private func eventForm(
    _ visitor: Visitor, action: String, settings: EventSettings, button: String
  ) -> String {
    let served = progress.labs.map { "<code>\(HTML.escape($0.id))</code>" }.joined(separator: ", ")
    return """
      <form method="post" action="\(HTML.escape(action))" class="event">
      \(Self.hidden(CSRF.fieldName, visitor.session.csrfToken))
      <label>Name <input name="name" required maxlength="64" value="\(HTML.escape(settings.name))"></label>
      <label>Join code <input name="code" required maxlength="8" value="\(HTML.escape(settings.code))"></label>
      <label>Opens (UTC, empty: now) <input name="opens" type="datetime-local" value="\(settings.opensAt.map(UTCMinute.format) ?? "")"></label>
      <label>Closes (UTC, empty: never) <input name="closes" type="datetime-local" value="\(settings.closesAt.map(UTCMinute.format) ?? "")"></label>
      <label>Capacity (empty: no limit) <input name="capacity" type="number" min="1" max="\(EventSettings.maxCapacity)" value="\(settings.capacity.map(String.init) ?? "")"></label>
      <label>Labs in order, one id per line (empty: all) <textarea name="labs" rows="4">\(HTML.escape(settings.labs.joined(separator: "\n")))</textarea></label>
      <p class="muted">Served labs: \(served.isEmpty ? "none" : served)</p>
      <label><input type="checkbox" name="solver" value="1"\(settings.solverAllowed ? " checked" : "")> Instructors may allow the solver</label>
      <label>Stop idle sandboxes after (minutes) <input name="idle" type="number" required min="\(EventSettings.idleStopRange.lowerBound)" max="\(EventSettings.idleStopRange.upperBound)" value="\(settings.idleStopMinutes)"></label>
      <button type="submit">\(HTML.escape(button))</button>
      </form>
      """
  }
}

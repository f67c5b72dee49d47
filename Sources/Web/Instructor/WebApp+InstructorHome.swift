import Wire

extension WebApp {
  /// `GET /instructor`: the default event, its join code and who joined, then the way to every
  /// instructor page: each event's board, summary and exports, the event settings, inviting an
  /// instructor, the password and the audit log.
  func instructorHome(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let event = accounts.defaultEvent
    let count = try accounts.learnerCount(eventID: event.id)
    let learners = try accounts.learners(eventID: event.id)
    var body = """
      <h1>\(HTML.escape(event.name))</h1>
      <p>Join code: <strong class="code">\(HTML.escape(event.code))</strong></p>
      <nav class="instructor-nav"><a href="/instructor/board">Live board</a> · \
      <a href="/instructor/summary">Summary</a> · <a href="/instructor/events">Events</a> · \
      <a href="/instructor/password">Change password</a> · <a href="/instructor/audit">Audit log</a></nav>
      \(inviteForm(visitor))
      <h2>Learners (\(count))</h2>

      """
    if learners.isEmpty {
      body += "<p>Nobody has joined yet.</p>"
    } else {
      body +=
        "<ul class=\"learners\">\n"
        + learners.map {
          "<li><a href=\"/instructor/learners/\($0.id)\">\(HTML.escape($0.name))</a></li>"
        }.joined(separator: "\n")
        + "\n</ul>"
    }
    return .html(.ok, Layout.page(title: "Instructor", viewer: visitor.viewer, body: body))
  }

  /// The one-button form that makes an instructor invite link.
  func inviteForm(_ visitor: Visitor) -> String {
    """
    <form method="post" action="/instructor/invites" class="inline">\
    \(Self.hidden(CSRF.fieldName, visitor.session.csrfToken))\
    <button type="submit">Invite an instructor</button></form>
    """
  }
}

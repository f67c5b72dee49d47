import Wire

extension WebApp {
  /// `GET /labs`: the labs on disk, for anyone signed in; shows the rejoin link once after joining.
  func labs(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    var body = "<h1>Labs</h1>\n"
    if let rejoin = flashes.take(visitor.credential.token.sha256Hex) {
      let link = "/rejoin/" + rejoin
      body += """
        <section class="notice" role="status"><h2>Your rejoin link</h2>
        <p>Keep this link to come back from another browser. It is shown only once.</p>
        <p><a href="\(HTML.escape(link))">\(HTML.escape(link))</a></p></section>

        """
    }
    let names = LabsFolder.labNames(in: configuration.labsFolder)
    if names.isEmpty {
      body += "<p>No labs are installed yet.</p>"
    } else {
      body +=
        "<ul class=\"labs\">\n"
        + names.map { "<li>\(HTML.escape($0))</li>" }.joined(separator: "\n") + "\n</ul>"
    }
    return .html(.ok, Layout.page(title: "Labs", viewer: visitor.viewer, body: body))
  }

  /// `GET /instructor`: the event, its join code and who joined. Learners get 403; anonymous
  /// visitors are sent to sign in.
  func instructorHome(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/signin?next=/instructor") }
    guard visitor.account.role == .instructor else {
      let body = "<h1>403 Forbidden</h1>\n" + Layout.message("This page is for instructors.")
      return .html(.forbidden, Layout.page(title: "Forbidden", viewer: visitor.viewer, body: body))
    }
    let event = accounts.defaultEvent
    let count = try accounts.learnerCount(eventID: event.id)
    let learners = try accounts.learners(eventID: event.id)
    var body = """
      <h1>\(HTML.escape(event.name))</h1>
      <p>Join code: <strong class="code">\(HTML.escape(event.code))</strong></p>
      <h2>Learners (\(count))</h2>

      """
    if learners.isEmpty {
      body += "<p>Nobody has joined yet.</p>"
    } else {
      body +=
        "<ul class=\"learners\">\n"
        + learners.map { "<li>\(HTML.escape($0.name))</li>" }.joined(separator: "\n")
        + "\n</ul>"
    }
    return .html(.ok, Layout.page(title: "Instructor", viewer: visitor.viewer, body: body))
  }
}

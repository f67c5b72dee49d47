import Wire

extension WebApp {
  /// `GET /`: the event, the join form and the way to the instructor sign-in.
  func home(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try visitor(request)
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    var body = "<h1>\(HTML.escape(event.name))</h1>\n"
    if let visitor {
      body +=
        "<p>Welcome back, \(HTML.escape(visitor.account.name)). <a href=\"/labs\">Go to the labs</a>.</p>\n"
    }
    body += "<h2>Join the workshop</h2>\n" + Self.joinForm(csrf: csrf.token, code: "", name: "")
    body += "\n<p>Running the workshop? <a href=\"/signin\">Instructor sign-in</a>.</p>"
    return .html(
      .ok, Layout.page(title: event.name, viewer: visitor?.viewer, body: body),
      cookies: csrf.cookies)
  }

  /// `GET /join`: the join form, with `?code=` filled in when given.
  func joinPage(_ request: HTTPRequest) throws -> HTTPResponse {
    let query = try FormData(parsing: Array((request.query ?? "").utf8))
    return try joinForm(request, status: .ok, code: query["code"] ?? "", name: "", message: nil)
  }

  /// `POST /join`: joins the event and goes to `/labs` signed in; the rejoin link is shown there once.
  func joinSubmitted(_ request: HTTPRequest) throws -> HTTPResponse {
    let form = try formPost(request, requireSource: false)
    try CSRF.verifyDoubleSubmit(form, request: request)
    let code = form["code"] ?? ""
    let name = form["name"] ?? ""
    let joined: JoinResult
    do {
      joined = try accounts.join(code: code, name: name)
    } catch let error as HTTPError {
      return try joinForm(
        request, status: error.status, code: code, name: name, message: error.message)
    }
    if let rejoin = joined.rejoinToken {
      flashes.put(rejoin.text, for: joined.sessionToken.sha256Hex)
    }
    return .seeOther("/labs", cookies: [sessionCookie(joined.sessionToken, role: .learner)])
  }

  /// `GET /rejoin/:token`: asks the holder of the link to confirm. Signing in on a plain GET
  /// would let any page sign a visitor into someone else's account (login CSRF), so the
  /// session is only created by the form's POST.
  func rejoinPage(_ request: HTTPRequest) throws -> HTTPResponse {
    let token = try rejoinToken(request)
    let name = try accounts.learnerName(forRejoin: token)
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    let body = """
      <h1>Welcome back</h1>
      <form method="post" action="/rejoin/\(HTML.escape(token.text))" class="join">
      \(Self.hidden(CSRF.fieldName, csrf.token))
      <p>Continue in \(HTML.escape(event.name)) as <strong>\(HTML.escape(name))</strong>?</p>
      <button type="submit">Continue</button>
      </form>
      """
    return .html(.ok, Layout.page(title: "Rejoin", viewer: nil, body: body), cookies: csrf.cookies)
  }

  /// `POST /rejoin/:token`: a new session for the learner who holds the link.
  func rejoinSubmitted(_ request: HTTPRequest) throws -> HTTPResponse {
    let form = try formPost(request, requireSource: false)
    try CSRF.verifyDoubleSubmit(form, request: request)
    let joined = try accounts.rejoin(token: try rejoinToken(request))
    return .seeOther("/labs", cookies: [sessionCookie(joined.sessionToken, role: .learner)])
  }

  private func rejoinToken(_ request: HTTPRequest) throws(HTTPError) -> Token {
    guard let token = request.pathParameters["token"].flatMap({ Token($0) }) else {
      throw HTTPError(.notFound, "unknown rejoin link")
    }
    return token
  }

  /// The join page with the values typed so far and a message.
  func joinForm(
    _ request: HTTPRequest, status: HTTPStatus, code: String, name: String, message: String?
  )
    throws -> HTTPResponse
  {
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    let body =
      "<h1>Join \(HTML.escape(event.name))</h1>\n"
      + (message.map { Layout.message($0) + "\n" } ?? "")
      + Self.joinForm(csrf: csrf.token, code: code, name: name)
    return .html(
      status, Layout.page(title: "Join", viewer: try visitor(request)?.viewer, body: body),
      cookies: csrf.cookies)
  }

  static func joinForm(csrf: String, code: String, name: String) -> String {
    """
    <form method="post" action="/join" class="join">
    \(hidden(CSRF.fieldName, csrf))
    <label>Event code <input name="code" required maxlength="8" autocomplete="off" value="\(HTML.escape(code.prefix(64)))"></label>
    <label>Your name <input name="name" required maxlength="64" value="\(HTML.escape(name.prefix(256)))"></label>
    <button type="submit">Join</button>
    </form>
    """
  }
}

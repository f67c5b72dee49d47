import Wire

extension WebApp {
  /// `GET /bootstrap/:token`: the form that creates the first instructor; 404 once used.
  func bootstrapPage(_ request: HTTPRequest) throws -> HTTPResponse {
    let token = try bootstrapToken(request)
    guard try accounts.bootstrapTokenIsValid(token) else {
      throw HTTPError(.notFound, "this bootstrap link is not valid or was already used")
    }
    return try bootstrapForm(request, token: token, status: .ok, name: "", message: nil)
  }

  /// `POST /bootstrap/:token`: creates the instructor, signs them in, 303 to `/instructor`.
  func bootstrapSubmitted(_ request: HTTPRequest) throws -> HTTPResponse {
    let token = try bootstrapToken(request)
    let form = try formPost(request, requireSource: false)
    try CSRF.verifyDoubleSubmit(form, request: request)
    let name = form["name"] ?? ""
    let session: Token
    do {
      session = try accounts.redeemBootstrap(
        token: token, name: name, password: form["password"] ?? "")
    } catch let error as HTTPError where error.status == .badRequest || error.status == .conflict {
      return try bootstrapForm(
        request, token: token, status: error.status, name: name, message: error.message)
    }
    return .seeOther("/instructor", cookies: [sessionCookie(session, role: .instructor)])
  }

  func bootstrapToken(_ request: HTTPRequest) throws(HTTPError) -> Token {
    guard let token = request.pathParameters["token"].flatMap({ Token($0) }) else {
      throw HTTPError(.notFound, "this bootstrap link is not valid or was already used")
    }
    return token
  }

  func bootstrapForm(
    _ request: HTTPRequest, token: Token, status: HTTPStatus, name: String, message: String?
  )
    throws -> HTTPResponse
  {
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    let body = """
      <h1>Create the first instructor</h1>
      \(message.map { Layout.message($0) } ?? "")
      <form method="post" action="/bootstrap/\(HTML.escape(token.text))" class="bootstrap">
      \(Self.hidden(CSRF.fieldName, csrf.token))
      <label>Name <input name="name" required maxlength="64" autocomplete="username" value="\(HTML.escape(name.prefix(256)))"></label>
      <label>Password (at least \(AccountService.minimumPasswordLength) characters) <input name="password" type="password" required minlength="\(AccountService.minimumPasswordLength)" autocomplete="new-password"></label>
      <button type="submit">Create</button>
      </form>
      """
    return .html(
      status, Layout.page(title: "First instructor", viewer: nil, body: body),
      cookies: csrf.cookies)
  }
}

import Wire

extension WebApp {
  /// `POST /instructor/invites`: a one-time invite link for another instructor, shown once on
  /// the answer page (never stored in plain text).
  func inviteCreated(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) throws
    -> HTTPResponse
  {
    let token = try accounts.createInvite(by: visitor.account.id)
    let link = "/invite/" + token.text
    let body = """
      <h1>Instructor invite</h1>
      <section class="notice" role="status">
      <p>Send this link to the new instructor. It works once, for 7 days, and is shown only now.</p>
      <p><a href="\(HTML.escape(link))" id="invite-link">\(HTML.escape(link))</a></p></section>
      <p><a href="/instructor">Back</a></p>
      """
    return .html(.ok, Layout.page(title: "Invite", viewer: visitor.viewer, body: body))
  }

  /// `GET /invite/{token}`: the form to become an instructor with a valid invite; 404 otherwise.
  func invitePage(_ request: HTTPRequest) throws -> HTTPResponse {
    let token = try inviteToken(request)
    guard try accounts.inviteIsValid(token) else { throw Self.unknownInvite }
    return try inviteForm(request, token: token, status: .ok, name: "", message: nil)
  }

  /// `POST /invite/{token}`: creates the instructor (the invite is used up) and signs them in.
  func inviteRedeemed(_ request: HTTPRequest) throws -> HTTPResponse {
    let token = try inviteToken(request)
    let form = try formPost(request, requireSource: false)
    try CSRF.verifyDoubleSubmit(form, request: request)
    let name = form["name"] ?? ""
    do {
      let session = try accounts.redeemInvite(
        token, name: name, password: form["password"] ?? "")
      return .seeOther("/instructor", cookies: [sessionCookie(session, role: .instructor)])
    } catch let error as HTTPError where error.status == .badRequest || error.status == .conflict {
      return try inviteForm(
        request, token: token, status: error.status, name: name, message: error.message)
    }
  }

  static let unknownInvite = HTTPError(
    .notFound, "this invite link is not valid, was already used or expired")

  private func inviteToken(_ request: HTTPRequest) throws(HTTPError) -> Token {
    guard let token = request.pathParameters["token"].flatMap({ Token($0) }) else {
      throw Self.unknownInvite
    }
    return token
  }

  private func inviteForm(
    _ request: HTTPRequest, token: Token, status: HTTPStatus, name: String, message: String?
  ) throws -> HTTPResponse {
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    let body = """
      <h1>Become an instructor</h1>
      \(message.map { Layout.message($0) } ?? "")
      <form method="post" action="/invite/\(HTML.escape(token.text))" class="signin">
      \(Self.hidden(CSRF.fieldName, csrf.token))
      <label>Name <input name="name" required maxlength="64" autocomplete="username" value="\(HTML.escape(name.prefix(256)))"></label>
      <label>Password (at least \(AccountService.minimumPasswordLength) characters) <input name="password" type="password" required minlength="\(AccountService.minimumPasswordLength)" autocomplete="new-password"></label>
      <button type="submit">Create my instructor account</button>
      </form>
      """
    return .html(
      status, Layout.page(title: "Invite", viewer: try visitor(request)?.viewer, body: body),
      cookies: csrf.cookies)
  }

  /// `GET /instructor/password`: the change-password form.
  func passwordPage(_ request: HTTPRequest, _ visitor: Visitor) throws -> HTTPResponse {
    let query = try FormData(parsing: Array((request.query ?? "").utf8))
    return passwordForm(
      visitor, status: .ok, notice: query["changed"] == nil ? nil : "Password changed.",
      message: nil)
  }

  /// `POST /instructor/password`: checks the current password, sets the new one (same rules as
  /// every instructor password) and ends the instructor's other sessions; 303 back.
  func passwordChanged(_ request: HTTPRequest, _ visitor: Visitor, _ form: FormData) throws
    -> HTTPResponse
  {
    do {
      try accounts.changePassword(
        instructorID: visitor.account.id, current: form["current"] ?? "",
        new: form["new"] ?? "", keeping: visitor.credential.token)
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return passwordForm(visitor, status: error.status, notice: nil, message: error.message)
    }
    return .seeOther("/instructor/password?changed=1")
  }

  private func passwordForm(
    _ visitor: Visitor, status: HTTPStatus, notice: String?, message: String?
  ) -> HTTPResponse {
    let body = """
      <h1>Change password</h1>
      \(notice.map { "<p class=\"notice\" role=\"status\">\(HTML.escape($0))</p>" } ?? "")\
      \(message.map { Layout.message($0) } ?? "")
      <form method="post" action="/instructor/password" class="signin">
      \(Self.hidden(CSRF.fieldName, visitor.session.csrfToken))
      <label>Current password <input name="current" type="password" required autocomplete="current-password"></label>
      <label>New password (at least \(AccountService.minimumPasswordLength) characters) <input name="new" type="password" required minlength="\(AccountService.minimumPasswordLength)" autocomplete="new-password"></label>
      <button type="submit">Change password</button>
      </form>
      """
    return .html(status, Layout.page(title: "Password", viewer: visitor.viewer, body: body))
  }
}

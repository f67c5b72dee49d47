import Wire

extension WebApp {
  /// `GET /signin`: the instructor sign-in form; `?next=` is kept when it is a local path.
  func signInPage(_ request: HTTPRequest) throws -> HTTPResponse {
    let query = try FormData(parsing: Array((request.query ?? "").utf8))
    return try signInForm(
      request, status: .ok, name: "", next: Self.localPath(query["next"]), message: nil)
  }

  /// `POST /signin`: 303 to `next` (a local path) or `/instructor`; 401 with a generic
  /// message on failure; 429 with `Retry-After` when throttled.
  func signInSubmitted(_ request: HTTPRequest) throws -> HTTPResponse {
    let form = try formPost(request, requireSource: false)
    try CSRF.verifyDoubleSubmit(form, request: request)
    let name = form["name"] ?? ""
    let next = Self.localPath(form["next"])
    let token: Token
    do {
      token = try accounts.signIn(
        name: name, password: form["password"] ?? "",
        address: request.remoteAddress?.host ?? "unknown")
    } catch let error as RateLimited {
      let minutes = max(1, (error.retryAfter + 59) / 60)
      var response = try signInForm(
        request, status: .tooManyRequests, name: name, next: next,
        message:
          "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s").")
      response.headers.set("Retry-After", String(error.retryAfter))
      return response
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return try signInForm(
        request, status: error.status, name: name, next: next, message: "Wrong name or password.")
    }
    return .seeOther(next ?? "/instructor", cookies: [sessionCookie(token, role: .instructor)])
  }

  /// `POST /signout`: ends the session (CSRF-checked) and goes home.
  func signOutSubmitted(_ request: HTTPRequest) throws -> HTTPResponse {
    let deleteCookie = SetCookie.deleting(
      Credential.cookieName, secure: configuration.secureCookies)
    guard let visitor = try visitor(request) else { return .seeOther("/", cookies: [deleteCookie]) }
    let form = try formPost(request, requireSource: true)
    try CSRF.verify(form, session: visitor.session)
    try accounts.signOut(token: visitor.credential.token)
    return .seeOther("/", cookies: [deleteCookie])
  }

  func signInForm(
    _ request: HTTPRequest, status: HTTPStatus, name: String, next: String?, message: String?
  )
    throws -> HTTPResponse
  {
    let csrf = CSRF.preSessionToken(for: request, secure: configuration.secureCookies)
    let body = """
      <h1>Instructor sign-in</h1>
      \(message.map { Layout.message($0) } ?? "")
      <form method="post" action="/signin" class="signin">
      \(Self.hidden(CSRF.fieldName, csrf.token))\(next.map { Self.hidden("next", $0) } ?? "")
      <label>Name <input name="name" required maxlength="64" autocomplete="username" value="\(HTML.escape(name.prefix(256)))"></label>
      <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
      <button type="submit">Sign in</button>
      </form>
      """
    return .html(
      status, Layout.page(title: "Sign in", viewer: try visitor(request)?.viewer, body: body),
      cookies: csrf.cookies)
  }

  /// `path` when it is safe to redirect to: a local absolute path (not `//host` or `/\host`,
  /// which browsers read as another site), printable ASCII, at most 512 bytes; else `nil`.
  static func localPath(_ path: String?) -> String? {
    guard let path, path.utf8.count <= 512, path.hasPrefix("/"), !path.hasPrefix("//"),
      !path.hasPrefix("/\\"),
      path.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") })
    else { return nil }
    return path
  }
}

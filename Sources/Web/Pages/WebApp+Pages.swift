import Wire

extension WebApp {
  /// The HTML pages (issue #2 item 6) and the lab pages (issue 4 item 5). Everything that reads
  /// the database runs as a task.
  func pageRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    return labPageRoutes() + [
      Route(.get, "/", .task { [self] in try home($0) }),
      Route(.get, "/join", .task { [self] in try joinPage($0) }),
      Route(.post, "/join", bodyLimit: limit, .task { [self] in try joinSubmitted($0) }),
      Route(.get, "/rejoin/:token", .task { [self] in try rejoinPage($0) }),
      Route(.post, "/rejoin/:token", bodyLimit: limit, .task { [self] in try rejoinSubmitted($0) }),
      Route(.get, "/signin", .task { [self] in try signInPage($0) }),
      Route(.post, "/signin", bodyLimit: limit, .task { [self] in try signInSubmitted($0) }),
      Route(.post, "/signout", bodyLimit: limit, .task { [self] in try signOutSubmitted($0) }),
      Route(.get, "/labs", .task { [self] in try labs($0) }),
      Route(.get, "/bootstrap/:token", .task { [self] in try bootstrapPage($0) }),
      Route(
        .post, "/bootstrap/:token", bodyLimit: limit, .task { [self] in try bootstrapSubmitted($0) }
      ),
    ]
  }

  /// The form of a state-changing POST from a browser: the Origin check first, then the body
  /// parsed (415 unless it is `application/x-www-form-urlencoded`).
  func formPost(_ request: HTTPRequest, requireSource: Bool) throws(HTTPError) -> FormData {
    try OriginCheck.verify(request, requireSource: requireSource)
    if let type = request.headers["Content-Type"],
      !type.split(separator: ";")[0].trimmingASCIISpaces().equalsIgnoringASCIICase(
        "application/x-www-form-urlencoded")
    {
      throw HTTPError(
        .unsupportedMediaType, "forms must be sent as application/x-www-form-urlencoded")
    }
    return try FormData(parsing: request.body)
  }

  /// A hidden input holding `value` (escaped).
  static func hidden(_ name: String, _ value: String) -> String {
    #"<input type="hidden" name="\#(name)" value="\#(HTML.escape(value))">"#
  }

  /// The cookie that signs a browser in with `token` for as long as a `role` session lasts.
  func sessionCookie(_ token: Token, role: Role) -> SetCookie {
    Credential.setCookie(
      token, lifetime: Int(Session.lifetime(of: role)), secure: configuration.secureCookies)
  }
}

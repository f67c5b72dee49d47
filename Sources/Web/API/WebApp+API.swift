import Wire

extension WebApp {
  /// The JSON API under `/api/v1`. Sessions are presented as `Authorization: Bearer` only
  /// (RFC 6750 §2.1): no ambient credential, so no CSRF token. Errors are `{"error": …}`.
  func apiRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    return [
      Route(.post, "/api/v1/join", bodyLimit: limit, .task { [self] in try apiJoin($0) }),
      Route(.post, "/api/v1/signin", bodyLimit: limit, .task { [self] in try apiSignIn($0) }),
      Route(.get, "/api/v1/me", .task { [self] in try apiMe($0) }),
      Route(.get, "/api/v1/event", .task { [self] in try apiEvent($0) }),
      Route(.post, "/api/v1/signout", bodyLimit: limit, .task { [self] in try apiSignOut($0) }),
    ]
  }

  /// `POST /api/v1/join` `{"code", "name"}` → 201 `{"token", "learnerId", "rejoinToken"}`.
  func apiJoin(_ request: HTTPRequest) throws -> HTTPResponse {
    let body = try JSONBody(request)
    let joined = try accounts.join(code: try body.string("code"), name: try body.string("name"))
    var reply: [String: Any] = [
      "token": joined.sessionToken.text, "learnerId": Int(joined.learnerID),
    ]
    reply["rejoinToken"] = joined.rejoinToken?.text
    return .json(.created, reply)
  }

  /// `POST /api/v1/signin` `{"name", "password"}` → 200 `{"token"}`; 401, or 429 when throttled.
  func apiSignIn(_ request: HTTPRequest) throws -> HTTPResponse {
    let body = try JSONBody(request)
    let token = try accounts.signIn(
      name: try body.string("name"), password: try body.string("password"),
      address: request.remoteAddress?.host ?? "unknown")
    return .json(.ok, ["token": token.text])
  }

  /// `GET /api/v1/me` → `{"role", "id", "name", "event": {"name", "code"?}}`: a learner's own
  /// event, the default event for instructors, who also get its join code.
  func apiMe(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try bearerVisitor(request)
    var event: [String: Any] = ["name": accounts.defaultEvent.name]
    if visitor.account.role == .instructor {
      event["code"] = accounts.defaultEvent.code
    } else if let own = try eventStore.event(ofLearner: visitor.account.id) {
      event["name"] = own.name
    }
    return .json(
      .ok,
      [
        "role": visitor.account.role.rawValue, "id": Int(visitor.account.id),
        "name": visitor.account.name, "event": event,
      ])
  }

  /// `GET /api/v1/event` (instructors) → the default event's `{"name", "code", "learners"}`;
  /// 403 for learners. Every event is listed at `/instructor/events`.
  func apiEvent(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try bearerVisitor(request)
    guard visitor.account.role == .instructor else {
      throw HTTPError(.forbidden, "instructors only")
    }
    let event = accounts.defaultEvent
    return .json(
      .ok,
      [
        "name": event.name, "code": event.code,
        "learners": try accounts.learnerCount(eventID: event.id),
      ])
  }

  /// `POST /api/v1/signout` → 204: the bearer token stops working.
  func apiSignOut(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try bearerVisitor(request)
    try accounts.signOut(token: visitor.credential.token)
    return HTTPResponse(status: .noContent)
  }

  /// The visitor behind the request's bearer token. 401 when there is none or it expired.
  func bearerVisitor(_ request: HTTPRequest) throws -> Visitor {
    guard let credential = Credential.bearer(in: request) else {
      throw HTTPError(.unauthorized, "send a session token as Authorization: Bearer <token>")
    }
    guard let visitor = try visitor(credential) else {
      throw HTTPError(.unauthorized, "the session is invalid or has expired")
    }
    return visitor
  }
}

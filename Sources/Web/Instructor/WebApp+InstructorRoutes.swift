import Foundation
import Wire

extension WebApp {
  /// The instructor area (issue #5) and the two pages around it (the invite link, the
  /// learner's messages), each behind the guard its table entry names.
  func instructorRoutes() -> [Route] {
    instructorRouteTable().map(guarded)
  }

  /// Every route of the instructor area; the authorization tests walk this table.
  func instructorRouteTable() -> [InstructorRoute] {
    let learner = "/instructor/learners/:learner"
    return [
      InstructorRoute(method: .get, pattern: "/instructor", handler: .page(instructorHome)),
      InstructorRoute(method: .get, pattern: "/instructor/board", handler: .page(boardPage)),
      InstructorRoute(
        method: .get, pattern: "/instructor/board/events", handler: .page(boardEvents)),
      InstructorRoute(
        method: .get, pattern: "/api/v1/instructor/board", handler: .page(boardAPI)),
      InstructorRoute(method: .get, pattern: "/instructor/summary", handler: .page(summaryPage)),
      InstructorRoute(method: .get, pattern: "/instructor/export.csv", handler: .page(exportCSV)),
      InstructorRoute(
        method: .get, pattern: "/instructor/export.json", handler: .page(exportJSON)),
      InstructorRoute(method: .get, pattern: "/instructor/events", handler: .page(eventsPage)),
      .form("/instructor/events", eventCreated),
      InstructorRoute(
        method: .get, pattern: "/instructor/events/:event", handler: .page(eventPage)),
      .form("/instructor/events/:event", eventUpdated),
      .form("/instructor/invites", inviteCreated),
      InstructorRoute(
        method: .get, pattern: "/instructor/password", handler: .page(passwordPage)),
      .form("/instructor/password", passwordChanged),
      InstructorRoute(method: .get, pattern: "/instructor/audit", handler: .page(auditPage)),
      InstructorRoute(method: .get, pattern: learner, handler: .page(learnerPage)),
      .form(learner + "/sandbox/reset", sandboxReset),
      .form(learner + "/sandbox/stop", sandboxStopped),
      .form(learner + "/sandbox/extend", sandboxExtended),
      .form(learner + "/solver", solverGranted),
      .form(learner + "/messages", messageSent),
      InstructorRoute(method: .get, pattern: "/messages", handler: .learner(messagesPage)),
      InstructorRoute(method: .get, pattern: "/messages/events", handler: .learner(messageEvents)),
      InstructorRoute(method: .get, pattern: "/invite/:token", handler: .anyone(invitePage)),
      InstructorRoute(method: .post, pattern: "/invite/:token", handler: .anyone(inviteRedeemed)),
    ]
  }

  /// `entry` as a server route: the guard its handler kind asks for, then the handler.
  private func guarded(_ entry: InstructorRoute) -> Route {
    let limit = entry.method == .get ? 0 : Self.formBodyLimit
    return Route(
      entry.method, entry.pattern, bodyLimit: limit,
      .task { [self] request in
        switch entry.handler {
        case .page(let handler):
          return try await withInstructor(request) { try await handler(request, $0) }
        case .form(let handler):
          return try await withInstructor(request) { visitor in
            let form = try formPost(request, requireSource: true)
            try CSRF.verify(form, session: visitor.session)
            return try await handler(request, visitor, form)
          }
        case .learner(let handler):
          guard let visitor = try visitor(request) else { return .seeOther("/") }
          guard visitor.account.role == .learner else {
            return Self.forbidden(visitor, "This page is for learners.")
          }
          return try await handler(request, visitor)
        case .anyone(let handler):
          return try await handler(request)
        }
      })
  }

  /// Runs `body` for a signed-in instructor. Anonymous: 303 to sign in and come back (401
  /// under `/api/`, RFC 9110 §15.5.2); learners: 403 (§15.5.4).
  private func withInstructor(
    _ request: HTTPRequest, _ body: (Visitor) async throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    let isAPI = request.path.hasPrefix("/api/")
    let visitor: Visitor?
    if isAPI {
      visitor = try bearerVisitor(request)
    } else {
      visitor = try self.visitor(request)
    }
    guard let visitor else {
      var target = String(request.path)
      if let query = request.query { target += "?" + query }
      return .seeOther("/signin?next=" + Self.queryEncoded(target))
    }
    guard visitor.account.role == .instructor else {
      if isAPI { throw HTTPError(.forbidden, "instructors only") }
      return Self.forbidden(visitor, "This page is for instructors.")
    }
    return try await body(visitor)
  }

  /// A 403 page in the layout, for a signed-in visitor of the wrong role.
  static func forbidden(_ visitor: Visitor, _ message: String) -> HTTPResponse {
    let body = "<h1>403 Forbidden</h1>\n" + Layout.message(message)
    return .html(.forbidden, Layout.page(title: "Forbidden", viewer: visitor.viewer, body: body))
  }

  /// `text` percent-encoded for a query value (RFC 3986 §3.4): only unreserved characters
  /// and `/` stay as they are.
  static func queryEncoded(_ text: String) -> String {
    var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    allowed.insert(charactersIn: "0123456789-._~/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

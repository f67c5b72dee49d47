import Wire

/// One entry of the instructor area's route table (issue #5). Who may call it is part of the
/// handler's type, so the guard in ``WebApp/instructorRoutes()`` cannot be forgotten for a new
/// route, and the authorization tests walk this same table.
struct InstructorRoute: Sendable {
  enum Handler: Sendable {
    /// An instructor page or API read: anonymous visitors are sent to sign in (401 under
    /// `/api/`), learners get 403.
    case page(@Sendable (HTTPRequest, Visitor) async throws -> HTTPResponse)
    /// An instructor form POST: as `page`, then the Origin check and the session's CSRF token.
    case form(@Sendable (HTTPRequest, Visitor, FormData) async throws -> HTTPResponse)
    /// A learner's own page: anonymous visitors go home, instructors get 403.
    case learner(@Sendable (HTTPRequest, Visitor) async throws -> HTTPResponse)
    /// Open to anyone (the invite link); the handler checks what it needs.
    case anyone(@Sendable (HTTPRequest) async throws -> HTTPResponse)
  }

  let method: HTTPMethod
  let pattern: String
  let handler: Handler

  /// A form route: always `POST`.
  static func form(
    _ pattern: String,
    _ handler: @escaping @Sendable (HTTPRequest, Visitor, FormData) async throws -> HTTPResponse
  ) -> InstructorRoute {
    InstructorRoute(method: .post, pattern: pattern, handler: .form(handler))
  }

  /// Whether only instructors may use it.
  var isInstructorOnly: Bool {
    switch handler {
    case .page, .form: true
    case .learner, .anyone: false
    }
  }
}

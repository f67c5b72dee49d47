import Wire

extension WebApp {
  /// Where a learner API accepts the session cookie from (a bearer token goes anywhere).
  enum CookieOrigin {
    /// Never: a bearer token only (no ambient credential, so no CSRF token: the API rule of
    /// ``apiRoutes()``).
    case never
    /// Any request.
    case any
    /// Reads from anywhere; changes only from this server's own pages.
    case ownPagesForChanges
    /// Only requests from this server's own pages.
    case ownPages
  }

  /// The learner calling one of the learner APIs (`feature` names it in the 403): by a bearer
  /// token, or by the session cookie where `origin` allows it (OWASP CSRF Cheat Sheet,
  /// "Verifying origin"). 401 without either, 403 for instructors.
  func learnerAPIVisitor(_ request: HTTPRequest, feature: String, origin: CookieOrigin) throws
    -> Visitor
  {
    let visitor: Visitor
    if Credential.bearer(in: request) != nil || origin == .never {
      visitor = try bearerVisitor(request)
    } else if let signedIn = try self.visitor(request) {
      switch origin {
      case .any, .never: break
      case .ownPagesForChanges where request.method == .get: break
      case .ownPagesForChanges, .ownPages: try OriginCheck.verify(request, requireSource: true)
      }
      visitor = signedIn
    } else {
      throw HTTPError(.unauthorized, "send a session token as Authorization: Bearer <token>")
    }
    guard visitor.account.role == .learner else {
      throw HTTPError(.forbidden, "\(feature) are for learners")
    }
    return visitor
  }
}

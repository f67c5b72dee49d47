import Wire

/// CSRF tokens for form POSTs (OWASP CSRF Cheat Sheet): a signed-in session's forms echo the
/// session's own token ("synchronizer token"); forms shown before there is a session (join,
/// sign-in, bootstrap) use a random cookie echoed in a field ("double-submit cookie",
/// `SameSite=Strict`). Both are compared in constant time.
public enum CSRF {
  /// The hidden form field every state-changing form carries.
  public static let fieldName = "csrf"
  /// The pre-session double-submit cookie.
  public static let cookieName = "sidecarlab_csrf"

  static let refusal = HTTPError(
    .forbidden, "the form's security token is missing or wrong; reload the page and try again")

  /// Checks the form's `csrf` field against the session's token.
  /// - Throws: `HTTPError` 403 when missing or different.
  public static func verify(_ form: FormData, session: Session) throws(HTTPError) {
    guard let sent = form[fieldName], ConstantTime.equal(sent, session.csrfToken) else {
      throw refusal
    }
  }

  /// Checks the form's `csrf` field against the pre-session cookie.
  /// - Throws: `HTTPError` 403 when either is missing or they differ.
  public static func verifyDoubleSubmit(_ form: FormData, request: HTTPRequest) throws(HTTPError) {
    guard let cookie = cookieToken(in: request), let sent = form[fieldName],
      ConstantTime.equal(sent, cookie.text)
    else { throw refusal }
  }

  /// The pre-session token for a form page: the request's cookie when it holds a valid one,
  /// else a new one, with the cookie that sets it in `cookies`.
  public static func preSessionToken(for request: HTTPRequest, secure: Bool) -> (
    token: String, cookies: [SetCookie]
  ) {
    if let existing = cookieToken(in: request) { return (existing.text, []) }
    let token = Token.generate()
    let cookie = SetCookie(
      name: cookieName, value: token.text, maxAge: nil, sameSite: .strict, secure: secure)
    return (token.text, [cookie])
  }

  /// The request's pre-session cookie, when it holds a well-formed token.
  static func cookieToken(in request: HTTPRequest) -> Token? {
    Cookies(request).token(cookieName)
  }
}

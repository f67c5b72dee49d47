import Wire

/// The session token a request presents, and how: a cookie (ambient, so its forms need CSRF
/// protection) or an `Authorization: Bearer` header (RFC 6750 §2.1, never sent by a browser
/// on its own, so no CSRF token is needed).
public struct Credential: Sendable, Equatable {
  public enum Source: Sendable, Equatable { case cookie, bearer }

  public static let cookieName = "sidecarlab_session"

  public let token: Token
  public let source: Source

  /// The session cookie's token, if the request carries a well-formed one.
  public static func cookie(in request: HTTPRequest) -> Credential? {
    Cookies(request).token(cookieName).map { Credential(token: $0, source: .cookie) }
  }

  /// The bearer token of the `Authorization` field, if it is well formed (RFC 6750 §2.1:
  /// the scheme is case-insensitive, one space, then the token).
  public static func bearer(in request: HTTPRequest) -> Credential? {
    guard let value = request.headers["Authorization"], value.utf8.count <= 256 else { return nil }
    let parts = value.trimmingASCIISpaces().split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].equalsIgnoringASCIICase("Bearer"),
      let token = Token(parts[1].trimmingASCIISpaces())
    else { return nil }
    return Credential(token: token, source: .bearer)
  }

  /// The cookie that carries a new session: `HttpOnly; SameSite=Lax; Path=/`, `Secure` under TLS.
  public static func setCookie(_ token: Token, lifetime: Int, secure: Bool) -> SetCookie {
    SetCookie(name: cookieName, value: token.text, maxAge: lifetime, sameSite: .lax, secure: secure)
  }
}

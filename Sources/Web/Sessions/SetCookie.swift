/// A `Set-Cookie` field value (RFC 6265 §4.1), always with `Path=/` and `HttpOnly`.
public struct SetCookie: Sendable, Equatable {
  /// RFC 6265bis §4.1.2.7 `SameSite`.
  public enum SameSite: String, Sendable {
    case strict = "Strict"
    case lax = "Lax"
  }

  public var name: String
  public var value: String
  /// Seconds until the cookie expires; `nil` for a session cookie, 0 to delete it.
  public var maxAge: Int?
  public var sameSite: SameSite
  /// RFC 6265 §4.1.2.5: only sent over TLS.
  public var secure: Bool

  public init(name: String, value: String, maxAge: Int?, sameSite: SameSite, secure: Bool) {
    self.name = name
    self.value = value
    self.maxAge = maxAge
    self.sameSite = sameSite
    self.secure = secure
  }

  /// A cookie that tells the browser to forget `name` (`Max-Age=0`, §5.2.2).
  public static func deleting(_ name: String, secure: Bool) -> SetCookie {
    SetCookie(name: name, value: "", maxAge: 0, sameSite: .lax, secure: secure)
  }

  public var headerValue: String {
    var parts = ["\(name)=\(value)", "Path=/"]
    if let maxAge { parts.append("Max-Age=\(maxAge)") }
    parts.append("HttpOnly")
    parts.append("SameSite=\(sameSite.rawValue)")
    if secure { parts.append("Secure") }
    return parts.joined(separator: "; ")
  }
}

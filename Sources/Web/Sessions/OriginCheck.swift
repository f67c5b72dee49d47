import Wire

/// Refuses cross-site state-changing requests by where they say they come from (OWASP CSRF
/// Cheat Sheet, "Verifying origin with standard headers"; Fetch §3.2.5 `Origin`).
public enum OriginCheck {
  /// Passes when `Origin` (or, lacking it, `Referer`) names this server's `Host` over http or
  /// https. A request with neither passes only when `requireSource` is false.
  /// - Throws: `HTTPError` 403 otherwise.
  public static func verify(_ request: HTTPRequest, requireSource: Bool) throws(HTTPError) {
    guard let host = request.headers["Host"]?.trimmingASCIISpaces(), !host.isEmpty else {
      throw HTTPError(.forbidden, "request has no Host")
    }
    if let origin = request.headers["Origin"] {
      guard let authority = authority(of: origin, allowPath: false),
        authority.equalsIgnoringASCIICase(host)
      else {
        throw HTTPError(.forbidden, "cross-origin request refused")
      }
      return
    }
    if let referer = request.headers["Referer"] {
      guard let authority = authority(of: referer, allowPath: true),
        authority.equalsIgnoringASCIICase(host)
      else {
        throw HTTPError(.forbidden, "cross-origin request refused")
      }
      return
    }
    if requireSource { throw HTTPError(.forbidden, "request has neither Origin nor Referer") }
  }

  /// The `host[:port]` of an `http://` or `https://` URL; `nil` for any other scheme or for
  /// `null` (RFC 6454 §7.1 serialization). With `allowPath` false nothing may follow it.
  static func authority(of url: String, allowPath: Bool) -> Substring? {
    guard url.utf8.count <= 2048 else { return nil }
    let text = url.trimmingASCIISpaces()
    let rest: Substring
    if text.prefix(7).equalsIgnoringASCIICase("http://") {
      rest = text.dropFirst(7)
    } else if text.prefix(8).equalsIgnoringASCIICase("https://") {
      rest = text.dropFirst(8)
    } else {
      return nil
    }
    let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
    guard allowPath || end == rest.endIndex, end > rest.startIndex else { return nil }
    let authority = rest[..<end]
    return authority.contains("@") ? nil : authority
  }
}

import Wire

/// The headers every response carries, whatever produced it (page, API, static file, error):
/// a Content-Security-Policy without inline script or style (CSP Level 3), no MIME sniffing
/// (Fetch §3.5), no framing (RFC 7034, CSP `frame-ancestors`) and same-origin referrers.
public enum SecurityHeaders {
  public static let contentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

  /// The fields, for `HTTPServer.Configuration.fixedHeaders`: the server appends them to
  /// every response it sends (pages, API, static files, its own errors and `/metrics`) and
  /// drops any field of the same name a handler set.
  public static let headers: HTTPHeaders = [
    "Content-Security-Policy": contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
  ]
}

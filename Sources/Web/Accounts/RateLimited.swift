/// Thrown when sign-in attempts are throttled; becomes 429 with `Retry-After` (RFC 6585 §4).
public struct RateLimited: Error, Sendable, Equatable {
  /// Seconds until another attempt may succeed.
  public let retryAfter: Int
}

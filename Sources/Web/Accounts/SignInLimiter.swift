import Foundation

/// The policy behind sign-in rate limiting (OWASP Authentication Cheat Sheet, "Login
/// throttling"): after ``maxFailures`` failed attempts inside ``window`` for one account or
/// one address, further attempts are refused until the oldest failure leaves the window.
public struct SignInLimiter: Sendable {
  public let maxFailures: Int
  public let window: TimeInterval

  public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
    self.maxFailures = maxFailures
    self.window = window
  }

  /// Seconds to wait before trying again (for `Retry-After`, RFC 9110 §10.2.3), or `nil`
  /// when an attempt is allowed now.
  /// - Parameter failures: times of the failures recorded for the account or address.
  public func retryAfter(failures: [Date], now: Date) -> Int? {
    let recent = failures.filter { now.timeIntervalSince($0) < window && $0 <= now }.sorted()
    guard recent.count >= maxFailures else { return nil }
    // The attempt is allowed again once enough failures have aged out of the window.
    let releasing = recent[recent.count - maxFailures]
    return max(1, Int((releasing.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
  }

  /// The earliest failure time still relevant at `now`; older rows can be deleted.
  public func horizon(now: Date) -> Date { now.addingTimeInterval(-window) }
}

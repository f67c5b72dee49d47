/// The local rate limit's token bucket (Envoy `local_ratelimit` `token_bucket`): it starts full
/// with `maxTokens`; every `fillInterval` adds `tokensPerFill`, never above `maxTokens`; each
/// request takes one token, and a request that finds none is limited (429, flag `RL`).
///
/// Refills are computed from the time passed in (monotonic nanoseconds) — the bucket reads no
/// clock and allocates nothing.
public struct TokenBucket: Sendable {
  public let maxTokens: Int
  public let tokensPerFill: Int
  /// Nanoseconds.
  public let fillInterval: UInt64
  public private(set) var tokens: Int
  private var lastFill: UInt64

  public init(maxTokens: Int, tokensPerFill: Int, fillInterval: UInt64, now: UInt64) {
    self.maxTokens = max(1, maxTokens)
    self.tokensPerFill = max(1, tokensPerFill)
    self.fillInterval = max(1, fillInterval)
    tokens = self.maxTokens
    lastFill = now
  }

  public init(_ config: LocalRateLimitConfig, now: UInt64) {
    self.init(
      maxTokens: config.maxTokens, tokensPerFill: config.tokensPerFill,
      fillInterval: config.fillInterval.nanoseconds,
      now: now)
  }

  /// Takes a token if there is one (after adding the fills due by `now`).
  public mutating func tryTake(now: UInt64) -> Bool {
    refill(now: now)
    guard tokens > 0 else { return false }
    tokens -= 1
    return true
  }

  /// Adds the whole fill intervals passed since the last fill.
  public mutating func refill(now: UInt64) {
    guard now > lastFill else { return }
    let fills = (now - lastFill) / fillInterval
    guard fills > 0 else { return }
    let (added, overflow) = Int(min(fills, UInt64(maxTokens))).multipliedReportingOverflow(
      by: tokensPerFill)
    tokens = overflow || added >= maxTokens - tokens ? maxTokens : tokens + added
    lastFill &+= fills &* fillInterval
  }
}

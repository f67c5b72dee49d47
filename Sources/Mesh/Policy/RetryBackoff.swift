/// Envoy's fully jittered exponential back-off between retries: before retry `n` (1, 2, …) wait
/// a random time in [0, (2ⁿ − 1) × base), the bound capped at `maximum` (base 25 ms, maximum
/// 10 × base = 250 ms; FORMATS.md "Backoff"; Envoy `JitteredExponentialBackOffStrategy`).
public struct RetryBackoff: Sendable, Equatable {
  /// Nanoseconds.
  public var base: UInt64
  public var maximum: UInt64

  public static let envoyDefault = RetryBackoff(base: 25_000_000)

  public init(base: UInt64, maximum: UInt64? = nil) {
    self.base = max(1, base)
    self.maximum = max(1, maximum ?? base * 10)
  }

  /// The exclusive upper bound of the wait before retry `retry` (≥ 1), in nanoseconds.
  public func bound(retry: Int) -> UInt64 {
    let doublings = min(max(retry, 1), 32)
    let (bound, overflow) = ((UInt64(1) << UInt64(doublings)) - 1).multipliedReportingOverflow(
      by: base)
    return overflow ? maximum : min(bound, maximum)
  }

  /// The wait before retry `retry`, drawn from `random` (any 64-bit value, uniformly spread).
  public func delay(retry: Int, random: UInt64) -> UInt64 {
    random.multipliedFullWidth(by: bound(retry: retry)).high
  }
}

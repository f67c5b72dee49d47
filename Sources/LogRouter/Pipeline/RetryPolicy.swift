/// Back-off between tries of a chunk: fully jittered exponential ("Exponential Backoff And
/// Jitter", AWS Architecture Blog) as Fluent Bit's scheduler does it — try `n` (from 1) waits a
/// random time in [0, min(cap, base × 2^n)).
struct RetryPolicy: Sendable {
  let base: Double
  let cap: Double
  /// Retries before giving up; `nil` retries for ever.
  let limit: Int?

  /// Seconds to wait before retry `attempt` (1-based).
  func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Double {
    let ceiling = min(cap, base * Double(1 << min(attempt, 30)))
    guard ceiling > 0 else { return 0 }
    return Double.random(in: 0..<ceiling, using: &generator)
  }

  func allows(attempt: Int) -> Bool {
    limit.map { attempt <= $0 } ?? true
  }
}

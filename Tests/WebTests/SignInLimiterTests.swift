import Foundation
import Testing

@testable import Web

@Suite struct SignInLimiterTests {
  let limiter = SignInLimiter(maxFailures: 5, window: 900)
  let now = Date(timeIntervalSince1970: 1_000_000)

  @Test func underTheLimit_isAllowed() {
    let failures = (1...4).map { now.addingTimeInterval(-Double($0)) }
    #expect(limiter.retryAfter(failures: failures, now: now) == nil)
  }

  @Test func atTheLimit_waitsUntilTheOldestCountedFailureAges() {
    let failures = [10.0, 20, 30, 40, 100].map { now.addingTimeInterval(-$0) }
    // The oldest of the five (100 s ago) leaves the 900 s window in 800 s.
    #expect(limiter.retryAfter(failures: failures, now: now) == 800)
  }

  @Test func failuresOutsideTheWindow_doNotCount() {
    let failures = [10.0, 20, 30, 40, 901].map { now.addingTimeInterval(-$0) }
    #expect(limiter.retryAfter(failures: failures, now: now) == nil)
  }

  @Test func retryAfter_isAtLeastOneSecond() {
    let failures = [1.0, 2, 3, 4, 899.9].map { now.addingTimeInterval(-$0) }
    #expect(limiter.retryAfter(failures: failures, now: now) == 1)
  }

  @Test func horizon_isOneWindowBack() {
    #expect(limiter.horizon(now: now) == now.addingTimeInterval(-900))
  }
}

import Foundation
import Synchronization

/// A clock tests move by hand, for session expiry and rate-limit windows.
final class TestClock: Sendable {
  private let current: Mutex<Date>

  init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

  var now: Date { current.withLock { $0 } }

  func advance(by seconds: TimeInterval) {
    current.withLock { $0 = $0.addingTimeInterval(seconds) }
  }

  /// The closure to inject as `clock`.
  var function: @Sendable () -> Date { { [self] in now } }
}

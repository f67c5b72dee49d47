import Metrics
import Synchronization

/// A clock the test moves by hand.
final class FakeClock: Sendable {
  private let time: Mutex<Double>

  init(_ start: Double = 1_800_000_000) {
    time = Mutex(start)
  }

  var now: Double { time.withLock { $0 } }

  func advance(by seconds: Double) { time.withLock { $0 += seconds } }

  func set(_ value: Double) { time.withLock { $0 = value } }

  var clock: MetricsClock { MetricsClock { self.now } }
}

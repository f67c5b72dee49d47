/// When the traffic generator sends next: evenly spaced at `rate` per second. After a stall it
/// sends once right away and keeps the spacing from then on, instead of bursting to catch up.
public struct LoadPacer: Sendable {
  public static let rates = 0.1...1000.0

  /// Seconds between requests.
  public let interval: Double
  private var scheduled: Double

  /// - Parameters:
  ///   - rate: requests per second, inside ``rates``.
  ///   - start: the clock reading of the first send.
  public init(rate: Double, start: Double) {
    interval = 1 / rate
    scheduled = start
  }

  /// The time of the next send, given the clock reads `now`: the scheduled time, or `now` when
  /// that has passed.
  public mutating func next(now: Double) -> Double {
    let due = max(scheduled, now)
    scheduled = due + interval
    return due
  }
}

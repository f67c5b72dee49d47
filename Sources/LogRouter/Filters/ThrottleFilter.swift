/// Fluent Bit's `throttle` filter: a sliding window of `window` slots, each `interval` long;
/// a record passes while the average per slot over the window stays below `rate`, and is
/// dropped otherwise. The window slides one slot each interval, forgetting the oldest.
public struct ThrottleFilter: RecordFilter {
  public let rate: Int
  public let window: Int
  public let interval: UInt64
  private var slots: [Int]
  private var current = 0
  private var total = 0
  private var slotStart: UInt64?

  /// - Parameters:
  ///   - rate: records per interval allowed on average.
  ///   - window: slots averaged over (at least 1).
  ///   - interval: nanoseconds per slot.
  public init(rate: Int, window: Int, interval: UInt64) {
    self.rate = rate
    self.window = max(1, window)
    self.interval = max(1, interval)
    slots = Array(repeating: 0, count: max(1, window))
  }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    advance(to: now)
    guard total < rate * window, slots[current] < rate * window else { return .drop }
    slots[current] += 1
    total += 1
    return .keep
  }

  /// Slides the window to the slot that holds `now`, emptying the slots it passes.
  private mutating func advance(to now: UInt64) {
    guard let start = slotStart else {
      slotStart = now
      return
    }
    guard now >= start + interval else { return }
    let steps = (now - start) / interval
    for _ in 0..<min(steps, UInt64(window)) {
      current = (current + 1) % window
      total -= slots[current]
      slots[current] = 0
    }
    slotStart = start + steps * interval
  }
}

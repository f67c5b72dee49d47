/// The client's view over one reporting window: how many requests ended, how many failed
/// (no response, or a status of 400 and above), and latency percentiles.
public struct LatencyWindow: Sendable {
  /// Most latencies kept per window (1000/s for 10 s); past it, every count stays exact but
  /// percentiles come from the first ones.
  public static let capacity = 10_000

  public private(set) var count = 0
  public private(set) var errors = 0
  private var latencies: [Double] = []

  public init() {}

  public mutating func record(status: Int, latencyMilliseconds: Double) {
    count += 1
    if status == 0 || status >= 400 { errors += 1 }
    if latencies.count < Self.capacity { latencies.append(latencyMilliseconds) }
  }

  /// The nearest-rank percentile (`fraction` in 0…1) of the latencies, or 0 when there are none.
  public func percentile(_ fraction: Double) -> Double {
    guard !latencies.isEmpty else { return 0 }
    let sorted = latencies.sorted()
    let rank = Int((fraction * Double(sorted.count)).rounded(.up))
    return sorted[min(max(rank, 1), sorted.count) - 1]
  }
}

/// A histogram of milliseconds in Envoy's default buckets (0.5, 1, 5, 10, 25, 50, 100, 250, 500,
/// 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000 ms, then +Inf). Each
/// bucket keeps its count and the sum of its values, so a StatsD flush can send exact means.
public final class StatHistogram: Sendable {
  /// Upper bounds in half-milliseconds, so that 0.5 ms needs no floating point.
  static let halfMillisecondBounds: [UInt64] = [
    1, 2, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000, 120_000, 600_000,
    1_200_000,
    3_600_000, 7_200_000,
  ]

  /// The bucket bounds in milliseconds, as Prometheus `le` labels print them.
  public static var bounds: [Double] { halfMillisecondBounds.map { Double($0) / 2 } }

  private let counts: [StatCell]
  private let sums: [StatCell]

  init() {
    counts = (0...Self.halfMillisecondBounds.count).map { _ in StatCell() }
    sums = (0...Self.halfMillisecondBounds.count).map { _ in StatCell() }
  }

  /// Records one value in milliseconds.
  public func record(milliseconds: UInt64) {
    let doubled = milliseconds > UInt64.max / 2 ? UInt64.max : milliseconds * 2
    var bucket = Self.halfMillisecondBounds.count
    for (index, bound) in Self.halfMillisecondBounds.enumerated() where doubled <= bound {
      bucket = index
      break
    }
    counts[bucket].add()
    sums[bucket].add(milliseconds)
  }

  func snapshot() -> HistogramSnapshot {
    HistogramSnapshot(counts: counts.map(\.value), sums: sums.map(\.value))
  }
}

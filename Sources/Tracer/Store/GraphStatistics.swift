import Glibc

/// Counts for one node or edge of the service graph, in the shape of X-Ray's
/// `SummaryStatistics` plus its `ResponseTimeHistogram` (botocore `xray/2016-04-12`).
public struct GraphStatistics: Sendable, Equatable {
  public var okCount = 0
  /// Errors (4xx) that were not throttles.
  public var errorOtherCount = 0
  public var throttleCount = 0
  public var faultCount = 0
  public var totalCount = 0
  public var totalResponseTime = 0.0
  /// Response time bucket (seconds, two significant digits) → count.
  public var histogram: [Double: Int] = [:]

  public init() {}

  /// Counts one response: a fault (5xx) wins over a throttle (429), which wins over another
  /// error (4xx), as X-Ray classifies them.
  public mutating func record(
    responseTime: Double, fault: Bool, error: Bool, throttle: Bool
  ) {
    if fault {
      faultCount += 1
    } else if throttle {
      throttleCount += 1
    } else if error {
      errorOtherCount += 1
    } else {
      okCount += 1
    }
    totalCount += 1
    totalResponseTime += responseTime
    histogram[Self.bucket(responseTime), default: 0] += 1
  }

  public mutating func merge(_ other: GraphStatistics) {
    okCount += other.okCount
    errorOtherCount += other.errorOtherCount
    throttleCount += other.throttleCount
    faultCount += other.faultCount
    totalCount += other.totalCount
    totalResponseTime += other.totalResponseTime
    histogram.merge(other.histogram, uniquingKeysWith: +)
  }

  /// A response time rounded to two significant digits, so a histogram stays small whatever the
  /// range (0.0123 s → 0.012 s, 1.57 s → 1.6 s).
  public static func bucket(_ seconds: Double) -> Double {
    guard seconds > 0, seconds.isFinite else { return 0 }
    let scale = pow(10, floor(log10(seconds)) - 1)
    let rounded = (seconds / scale).rounded() * scale
    // Remove binary noise such as 0.012000000000000002.
    return (rounded * 1e9).rounded() / 1e9
  }

  /// The response time below which `fraction` of the responses fall (from the histogram).
  public func percentile(_ fraction: Double) -> Double? {
    guard totalCount > 0 else { return nil }
    let target = Int((Double(totalCount) * fraction).rounded(.up))
    var seen = 0
    for (value, count) in histogram.sorted(by: { $0.key < $1.key }) {
      seen += count
      if seen >= target { return value }
    }
    return histogram.keys.max()
  }
}

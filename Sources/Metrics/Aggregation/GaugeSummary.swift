/// A gauge's samples within a bucket: the last value (what a gauge reads as) and the
/// minimum, maximum, sum and count of the values it took.
public struct GaugeSummary: Sendable, Equatable {
  public private(set) var last: Double
  public private(set) var min: Double
  public private(set) var max: Double
  public private(set) var sum: Double
  public private(set) var count: UInt64

  public init(_ value: Double) {
    last = value
    min = value
    max = value
    sum = value
    count = 1
  }

  /// A summary rebuilt from its parts (``BucketCoder``).
  init(last: Double, min: Double, max: Double, sum: Double, count: UInt64) {
    self.last = last
    self.min = min
    self.max = max
    self.sum = sum
    self.count = count
  }

  public mutating func add(_ value: Double) {
    last = value
    min = Swift.min(min, value)
    max = Swift.max(max, value)
    sum += value
    count += 1
  }

  /// Combines with the summary of a later bucket (whose last value wins).
  public mutating func merge(later: GaugeSummary) {
    last = later.last
    min = Swift.min(min, later.min)
    max = Swift.max(max, later.max)
    sum += later.sum
    count += later.count
  }
}

/// What identifies one time series: the metric name and its labels sorted by name, so the
/// same labels in any order name the same series.
public struct SeriesKey: Hashable, Sendable {
  public let name: String
  public let labels: [Label]

  public init(name: String, labels: [Label] = []) {
    self.name = name
    self.labels = labels.sorted()
  }

  /// Whether every label in `wanted` is on this series with the same value.
  public func matches(_ wanted: [Label]) -> Bool {
    wanted.allSatisfy { labels.contains($0) }
  }

  /// The labels as a dictionary (a name given twice keeps its last value).
  public var labelDictionary: [String: String] {
    Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
  }
}

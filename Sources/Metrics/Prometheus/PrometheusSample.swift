/// One sample line of the Prometheus text format: `name{labels} value [timestamp]`.
public struct PrometheusSample: Sendable, Equatable {
  public var name: String
  public var labels: [Label]
  public var value: Double
  /// Milliseconds since the epoch, when the line carried one.
  public var timestamp: Int64?

  public init(name: String, labels: [Label] = [], value: Double, timestamp: Int64? = nil) {
    self.name = name
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
  }
}

/// A Prometheus label Envoy's tag extraction makes from a stat name (`envoy_cluster_name`, …).
public struct StatLabel: Sendable, Hashable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

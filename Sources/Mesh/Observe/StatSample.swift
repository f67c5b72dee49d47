/// One stat read out of the shards: its Envoy name (`cluster.x.upstream_rq_503`), its Prometheus
/// family and labels (`envoy_cluster_upstream_rq{envoy_response_code="503",envoy_cluster_name="x"}`),
/// and its value.
public struct StatSample: Sendable, Equatable {
  public enum Value: Sendable, Equatable {
    case counter(UInt64)
    case gauge(Int64)
    case histogram(HistogramSnapshot)
  }

  public var name: String
  public var family: String
  public var labels: [StatLabel]
  /// What the family holds, for `# HELP` (the Envoy name with its tags as placeholders).
  public var help: String
  public var value: Value

  public init(name: String, family: String, labels: [StatLabel], help: String, value: Value) {
    self.name = name
    self.family = family
    self.labels = labels
    self.help = help
    self.value = value
  }

  /// Adds another shard's value of the same stat.
  mutating func merge(_ other: Value) {
    switch (value, other) {
    case (.counter(let a), .counter(let b)): value = .counter(a &+ b)
    case (.gauge(let a), .gauge(let b)): value = .gauge(a &+ b)
    case (.histogram(let a), .histogram(let b)): value = .histogram(a + b)
    default: break
    }
  }
}

/// A parsed Prometheus text document: its samples in order and the declared family types.
public struct PrometheusDocument: Sendable, Equatable {
  public var samples: [PrometheusSample] = []
  public var types: [String: PrometheusMetricType] = [:]
  public var help: [String: String] = [:]

  public init() {}

  /// The family a sample belongs to and that family's type: `x_bucket`, `x_sum` and
  /// `x_count` belong to histogram or summary `x`; undeclared names are untyped.
  public func family(of sampleName: String) -> (name: String, type: PrometheusMetricType) {
    if let type = types[sampleName] { return (sampleName, type) }
    for suffix in ["_bucket", "_sum", "_count"] where sampleName.hasSuffix(suffix) {
      let base = String(sampleName.dropLast(suffix.count))
      if let type = types[base], type == .histogram || (type == .summary && suffix != "_bucket") {
        return (base, type)
      }
    }
    return (sampleName, .untyped)
  }
}

/// Envoy's admin `/stats/prometheus` in text format 0.0.4 (FORMATS.md): one family per metric
/// name with `# HELP` and `# TYPE`, Envoy's tag-extracted labels, histograms as cumulative
/// `_bucket{le=…}` ending at `+Inf`, then `_sum` and `_count`.
///
/// Counters keep Envoy's family names; the ones that do not end in `_total`
/// (`envoy_cluster_upstream_rq`) are typed `untyped`, because `promtool check metrics` requires
/// that suffix of a `counter` and renaming them would break every Envoy dashboard query.
extension ProxyStats {
  /// The `Content-Type` of the rendering.
  public static let prometheusContentType = "text/plain; version=0.0.4"

  public func renderPrometheus() -> String {
    var families: [String: [StatSample]] = [:]
    for sample in samples() { families[sample.family, default: []].append(sample) }
    var text = ""
    for family in families.keys.sorted() {
      guard
        let members = families[family]?.sorted(by: {
          Self.labelText($0.labels) < Self.labelText($1.labels)
        }),
        let first = members.first
      else { continue }
      text += "# HELP \(family) Envoy stat \(first.help)\n"
      text += "# TYPE \(family) \(Self.type(of: first.value, family: family))\n"
      for sample in members {
        switch sample.value {
        case .counter(let value):
          text += "\(family)\(Self.labelText(sample.labels)) \(value)\n"
        case .gauge(let value):
          text += "\(family)\(Self.labelText(sample.labels)) \(value)\n"
        case .histogram(let histogram):
          var cumulative: UInt64 = 0
          for (index, bound) in StatHistogram.bounds.enumerated() {
            cumulative &+= histogram.counts[index]
            let le = StatLabel("le", StatFormat.number(bound))
            text += "\(family)_bucket\(Self.labelText(sample.labels + [le])) \(cumulative)\n"
          }
          let infinity = StatLabel("le", "+Inf")
          text +=
            "\(family)_bucket\(Self.labelText(sample.labels + [infinity])) \(histogram.count)\n"
          text += "\(family)_sum\(Self.labelText(sample.labels)) \(histogram.sum)\n"
          text += "\(family)_count\(Self.labelText(sample.labels)) \(histogram.count)\n"
        }
      }
    }
    return text
  }

  private static func type(of value: StatSample.Value, family: String) -> String {
    switch value {
    case .counter: family.hasSuffix("_total") ? "counter" : "untyped"
    case .gauge: "gauge"
    case .histogram: "histogram"
    }
  }

  private static func labelText(_ labels: [StatLabel]) -> String {
    guard !labels.isEmpty else { return "" }
    return "{"
      + labels.map { "\($0.name)=\"\(StatFormat.labelValue($0.value))\"" }.joined(separator: ",")
      + "}"
  }
}

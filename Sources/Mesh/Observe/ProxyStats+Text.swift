/// Envoy's admin `/stats`: `name: value` lines sorted by name, counters and gauges first, then
/// histograms as quantile summaries `P0(interval,cumulative) … P100(…)` (FORMATS.md "Admin").
extension ProxyStats {
  /// The quantiles `/stats` prints, with their labels.
  static let quantiles: [(label: String, q: Double)] = [
    ("P0", 0), ("P25", 0.25), ("P50", 0.5), ("P75", 0.75), ("P90", 0.9), ("P99", 0.99),
    ("P99.9", 0.999), ("P100", 1),
  ]

  /// The `/stats` text. Interval quantiles are not kept, so each prints `nan` as Envoy does
  /// before its first flush; the cumulative ones cover every sample so far.
  public func renderText() -> String {
    let all = samples()
    var text = ""
    for sample in all {
      switch sample.value {
      case .counter(let value): text += "\(sample.name): \(value)\n"
      case .gauge(let value): text += "\(sample.name): \(value)\n"
      case .histogram: break
      }
    }
    for sample in all {
      guard case .histogram(let histogram) = sample.value else { continue }
      guard histogram.count > 0 else {
        text += "\(sample.name): No recorded values\n"
        continue
      }
      let parts = Self.quantiles.map { label, q in
        "\(label)(nan,\(StatFormat.number(((histogram.quantile(q) ?? 0) * 1000).rounded() / 1000)))"
      }
      text += "\(sample.name): \(parts.joined(separator: " "))\n"
    }
    return text
  }
}

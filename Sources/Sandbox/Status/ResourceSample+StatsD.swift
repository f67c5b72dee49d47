extension ResourceSample {
  /// The sample as two DogStatsD gauges in one datagram, one per line (the `#` tag block is
  /// DogStatsD's extension of the StatsD line `name:value|g`):
  /// `sidecarlab.container.cpu_percent:12.5|g|#container_name:swan,task:learner-1` and
  /// `sidecarlab.container.memory_rss_bytes:1048576|g|#container_name:swan,task:learner-1`.
  /// Container names and sandbox ids are `[a-z0-9_-]`, so they need no escaping.
  func statsDGauges(container: String, task: String) -> String {
    let tags = "|g|#container_name:\(container),task:\(task)"
    return "sidecarlab.container.cpu_percent:\(Self.decimal(cpuPercent))\(tags)\n"
      + "sidecarlab.container.memory_rss_bytes:\(rssBytes)\(tags)"
  }

  /// `value` with at most two decimals and never in exponent form (`0.01`, `12.5`, `300`),
  /// which every StatsD parser reads.
  static func decimal(_ value: Double) -> String {
    let hundredths = Int64((max(0, value.isFinite ? value : 0) * 100).rounded())
    let whole = hundredths / 100
    let fraction = hundredths % 100
    if fraction == 0 { return "\(whole)" }
    if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
    return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}

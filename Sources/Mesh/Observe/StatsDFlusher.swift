/// Turns stats into StatsD lines for one flush (FORMATS.md "StatsD lines"):
/// `envoy.<name>:<delta>|c` for each counter that grew since the last flush, `envoy.<name>:<value>|g`
/// for every gauge, and for each histogram bucket that got samples, one timer line carrying
/// those samples' mean and a sample rate of 1/count (`envoy.<name>:12|ms|@0.25` stands for four
/// samples averaging 12 ms), so a flush stays small however busy the proxy is. Every line ends
/// with the DogStatsD tags, if any (``StatsDTags``).
///
/// Owned by the one thread that flushes; it remembers what it sent last.
public struct StatsDFlusher: Sendable {
  public let prefix: String
  public let tags: StatsDTags
  private var lastCounters: [String: UInt64] = [:]
  private var lastHistograms: [String: HistogramSnapshot] = [:]

  public init(prefix: String = "envoy", tags: StatsDTags = .none) {
    self.prefix = prefix
    self.tags = tags
  }

  public mutating func flush(_ samples: [StatSample]) -> [String] {
    var lines: [String] = []
    for sample in samples {
      let name = prefix.isEmpty ? sample.name : "\(prefix).\(sample.name)"
      switch sample.value {
      case .counter(let value):
        let delta = value &- (lastCounters[sample.name] ?? 0)
        lastCounters[sample.name] = value
        if delta > 0 { lines.append("\(name):\(delta)|c\(tags.suffix)") }
      case .gauge(let value):
        // A sign would make StatsD read the line as a change, so gauges never go below 0.
        lines.append("\(name):\(max(0, value))|g\(tags.suffix)")
      case .histogram(let histogram):
        let delta = histogram - (lastHistograms[sample.name] ?? .empty)
        lastHistograms[sample.name] = histogram
        for (count, sum) in zip(delta.counts, delta.sums) where count > 0 {
          let mean = StatFormat.number((Double(sum) / Double(count) * 1000).rounded() / 1000)
          lines.append(
            count == 1
              ? "\(name):\(mean)|ms\(tags.suffix)"
              : "\(name):\(mean)|ms|@\(Self.rate(count))\(tags.suffix)")
        }
      }
    }
    return lines
  }

  /// `1/count` with six decimals at most (`0.333333`).
  private static func rate(_ count: UInt64) -> String {
    let millionths = max(1, (1_000_000 / Double(count)).rounded())
    var text = String(Int(millionths))
    while text.count < 6 { text = "0" + text }
    while text.hasSuffix("0") { text.removeLast() }
    return "0." + text
  }

  /// Packs lines into datagrams of at most `maxBytes` (newline-separated, as StatsD servers
  /// accept them); a longer line travels alone.
  public static func datagrams(_ lines: [String], maxBytes: Int = 1432) -> [[UInt8]] {
    var datagrams: [[UInt8]] = []
    var current: [UInt8] = []
    for line in lines {
      let bytes = Array(line.utf8)
      if !current.isEmpty, current.count + 1 + bytes.count > maxBytes {
        datagrams.append(current)
        current = []
      }
      if !current.isEmpty { current.append(UInt8(ascii: "\n")) }
      current.append(contentsOf: bytes)
    }
    if !current.isEmpty { datagrams.append(current) }
    return datagrams
  }
}

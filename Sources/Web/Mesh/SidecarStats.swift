/// A sidecar's key stats per cluster, read from its admin `/stats` text (Envoy's `name: value`
/// lines; FORMATS.md "Stats"): requests answered 2xx and 5xx, retries, timeouts, active
/// connections, hosts ejected and requests refused by the circuit breaker.
struct SidecarStats: Sendable, Equatable {
  /// The stats shown, by Envoy's name under `cluster.<name>.`, with their column titles.
  static let keys: [(stat: String, title: String)] = [
    ("upstream_rq_2xx", "2xx"), ("upstream_rq_5xx", "5xx"), ("upstream_rq_retry", "retries"),
    ("upstream_rq_timeout", "timeouts"), ("upstream_cx_active", "active connections"),
    ("outlier_detection.ejections_active", "ejected"),
    ("upstream_rq_pending_overflow", "overflows"),
  ]
  /// Most clusters kept per sidecar.
  static let maxClusters = 64

  /// `(cluster, values)`, clusters sorted by name, values in the order of ``keys`` (0 when the
  /// sidecar does not report one).
  let clusters: [(name: String, values: [Int64])]

  static func == (left: SidecarStats, right: SidecarStats) -> Bool {
    left.clusters.map(\.name) == right.clusters.map(\.name)
      && left.clusters.map(\.values) == right.clusters.map(\.values)
  }

  /// Reads the key stats out of a `/stats` text; other lines are skipped.
  init(text: String) {
    var found: [String: [Int64]] = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("cluster.") {
      guard let colon = line.lastIndex(of: ":"),
        let value = Int64(line[line.index(after: colon)...].trimmingASCIISpaces())
      else { continue }
      let name = line[line.index(line.startIndex, offsetBy: "cluster.".count)..<colon]
      for (index, key) in Self.keys.enumerated() where name.hasSuffix("." + key.stat) {
        let cluster = String(name.dropLast(key.stat.count + 1))
        guard !cluster.isEmpty, found[cluster] != nil || found.count < Self.maxClusters else {
          continue
        }
        found[cluster, default: Array(repeating: 0, count: Self.keys.count)][index] = value
      }
    }
    clusters = found.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
  }
}

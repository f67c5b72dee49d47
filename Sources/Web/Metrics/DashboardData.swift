import Foundation
import Metrics

/// The series the dashboard draws, fetched from the learner's agent in a few multi-name
/// queries (one per statistic: `MetricsAPI` takes a comma-separated `name`), so a render is
/// five round trips over loopback whatever the number of charts.
struct DashboardData: Sendable {
  struct Series: Sendable {
    let name: String
    let labels: [String: String]
    let points: [LineChart.Point]
  }

  /// Envoy counters read as rates per cluster.
  static let counters = [
    "upstream_rq_total", "upstream_rq_5xx", "upstream_rq_retry", "upstream_rq_timeout",
    "upstream_rq_pending_overflow",
  ]
  static let latency = "upstream_rq_time"
  static let ejections = "outlier_detection.ejections_active"

  /// The queries: statistic and names.
  static var requests: [(Statistic, [String])] {
    let clusters = MeshStatNames.clusters
    return [
      (.rate, clusters.flatMap { cluster in counters.map { "\(cluster).\($0)" } }),
      (.p50, clusters.map { "\($0).\(latency)" }),
      (.p99, clusters.map { "\($0).\(latency)" }),
      (.max, clusters.map { "\($0).\(ejections)" }),
      (.avg, [MeshStatNames.cpu, MeshStatNames.memory]),
    ]
  }

  private var series: [String: [Series]] = [:]

  init() {}

  /// Asks `agent` for every series of `range`.
  /// - Throws: what the agent's answers throw (503 when it is down).
  static func fetch(from agent: MetricsAgentClient, range: DashboardRange) throws -> DashboardData {
    var data = DashboardData()
    for (statistic, names) in requests {
      let target =
        "/api/v1/metrics/query?name=\(names.joined(separator: ","))&stat=\(statistic.rawValue)"
        + "&start=\(range.start)&end=\(range.end)&step=\(range.preset.step)"
      let answer = try agent.json(target)
      for item in answer["series"] as? [[String: Any]] ?? [] {
        guard let name = item["name"] as? String else { continue }
        let points = (item["points"] as? [[Double]] ?? []).compactMap { pair in
          pair.count == 2 ? LineChart.Point(time: pair[0], value: pair[1]) : nil
        }
        data.series[key(name, statistic), default: []].append(
          Series(name: name, labels: item["labels"] as? [String: String] ?? [:], points: points))
      }
    }
    return data
  }

  private static func key(_ name: String, _ statistic: Statistic) -> String {
    "\(statistic.rawValue) \(name)"
  }

  /// The series of `name` under `statistic`.
  func series(_ name: String, _ statistic: Statistic) -> [Series] {
    series[Self.key(name, statistic)] ?? []
  }

  /// The series of `name` merged into one line: rates add up (two sidecars of one node),
  /// other statistics take the highest value at each time (the worst instance).
  /// - Parameter node: only the series a sidecar of that virtual node sent.
  func merged(_ name: String, _ statistic: Statistic, node: String? = nil) -> [LineChart.Point] {
    let all = series(name, statistic).filter {
      node == nil || $0.labels[MeshStatNames.nodeLabel] == node
    }
    if all.count == 1 { return all[0].points }
    var values: [Double: Double] = [:]
    for line in all {
      for point in line.points {
        values[point.time] =
          statistic == .rate
          ? (values[point.time] ?? 0) + point.value
          : max(values[point.time] ?? -.infinity, point.value)
      }
    }
    return values.sorted { $0.key < $1.key }.map { LineChart.Point(time: $0.key, value: $0.value) }
  }

  /// The 5xx share of a cluster's requests in percent, at each time it had requests.
  func errorShare(_ cluster: String, node: String? = nil) -> [LineChart.Point] {
    let errors = Dictionary(
      merged("\(cluster).upstream_rq_5xx", .rate, node: node).map { ($0.time, $0.value) },
      uniquingKeysWith: { first, _ in first })
    return merged("\(cluster).upstream_rq_total", .rate, node: node).compactMap { total in
      guard total.value > 0 else { return nil }
      return LineChart.Point(
        time: total.time, value: min(100, (errors[total.time] ?? 0) / total.value * 100))
    }
  }
}

import Synchronization

/// The server's own counters: requests by status class, a latency histogram, connections.
/// Each event loop records into its own instance (its lock is uncontended on the hot path);
/// ``render(_:)`` sums them into Prometheus text format 0.0.4.
public final class ServerMetrics: Sendable {
  /// Upper bounds of the latency buckets, in seconds.
  static let bucketBounds: [Double] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
  ]

  struct Counters {
    var byClass = [UInt64](repeating: 0, count: 6)  // index = status / 100
    var buckets = [UInt64](repeating: 0, count: ServerMetrics.bucketBounds.count)
    var durationSum: Double = 0
    var requestCount: UInt64 = 0
    var connectionsOpen: Int = 0
    var connectionsTotal: UInt64 = 0
  }

  private let counters = Mutex(Counters())

  init() {}

  func recordRequest(status: Int, nanoseconds: UInt64) {
    let seconds = Double(nanoseconds) / 1e9
    counters.withLock { counters in
      counters.byClass[min(max(status / 100, 0), 5)] += 1
      counters.requestCount += 1
      counters.durationSum += seconds
      if let index = Self.bucketBounds.firstIndex(where: { seconds <= $0 }) {
        counters.buckets[index] += 1
      }
    }
  }

  func connectionOpened() {
    counters.withLock {
      $0.connectionsOpen += 1
      $0.connectionsTotal += 1
    }
  }

  func connectionClosed() { counters.withLock { $0.connectionsOpen -= 1 } }

  var snapshot: Counters { counters.withLock { $0 } }

  /// Prometheus text exposition (format 0.0.4) of the sum of `parts`.
  static func render(_ parts: [ServerMetrics]) -> String {
    var total = Counters()
    for part in parts {
      let counters = part.snapshot
      for index in 0..<total.byClass.count { total.byClass[index] += counters.byClass[index] }
      for index in 0..<total.buckets.count { total.buckets[index] += counters.buckets[index] }
      total.durationSum += counters.durationSum
      total.requestCount += counters.requestCount
      total.connectionsOpen += counters.connectionsOpen
      total.connectionsTotal += counters.connectionsTotal
    }
    var text = """
      # HELP http_server_requests_total Requests answered, by status class.
      # TYPE http_server_requests_total counter

      """
    for statusClass in 1...5 {
      text +=
        "http_server_requests_total{class=\"\(statusClass)xx\"} \(total.byClass[statusClass])\n"
    }
    text += """
      # HELP http_server_request_duration_seconds Time from a request's complete head to its response being queued.
      # TYPE http_server_request_duration_seconds histogram

      """
    var cumulative: UInt64 = 0
    for (index, bound) in bucketBounds.enumerated() {
      cumulative += total.buckets[index]
      text += "http_server_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
    }
    text += "http_server_request_duration_seconds_bucket{le=\"+Inf\"} \(total.requestCount)\n"
    text += "http_server_request_duration_seconds_sum \(total.durationSum)\n"
    text += "http_server_request_duration_seconds_count \(total.requestCount)\n"
    text += """
      # HELP http_server_connections_open Client connections open now.
      # TYPE http_server_connections_open gauge
      http_server_connections_open \(total.connectionsOpen)
      # HELP http_server_connections_total Client connections accepted.
      # TYPE http_server_connections_total counter
      http_server_connections_total \(total.connectionsTotal)

      """
    return text
  }
}

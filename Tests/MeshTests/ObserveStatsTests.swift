import Foundation
import Mesh
import Testing

@Suite struct ObserveStatsTests {
  /// What the engine counts for one request that got 503, 503, then 200 after two retries.
  static func countRetriedRequest(_ shard: StatsShard, cluster name: String = "c1") {
    let cluster = shard.cluster(name)
    let ingress = shard.listener("ingress")
    let host = cluster.host("127.0.0.1:9001")
    ingress.count(.downstreamConnectionsTotal)
    ingress.count(.downstreamRequestsTotal)
    ingress.count(.routedRequests)
    for (attempt, status) in [503, 503, 200].enumerated() {
      if attempt > 0 { cluster.count(.upstreamRetries) }
      cluster.count(.upstreamRequestsTotal)
      cluster.countResponse(status: status)
      host.count(.requestsTotal)
      host.count(status < 500 ? .requestSuccesses : .requestErrors)
      cluster.upstreamRequestTime.record(milliseconds: UInt64(10 * (attempt + 1)))
    }
    cluster.count(.upstreamRetrySuccesses)
    ingress.countResponse(status: 200)
    ingress.downstreamRequestTime.record(milliseconds: 75)
  }

  static func value(_ samples: [StatSample], _ name: String) -> StatSample.Value? {
    samples.first { $0.name == name }?.value
  }

  @Test func stats_countARetriedRequestAsEnvoyDoes() {
    let stats = ProxyStats()
    Self.countRetriedRequest(stats.shard(0))
    let samples = stats.samples()
    #expect(Self.value(samples, "cluster.c1.upstream_rq_total") == .counter(3))
    #expect(Self.value(samples, "cluster.c1.upstream_rq_503") == .counter(2))
    #expect(Self.value(samples, "cluster.c1.upstream_rq_200") == .counter(1))
    #expect(Self.value(samples, "cluster.c1.upstream_rq_5xx") == .counter(2))
    #expect(Self.value(samples, "cluster.c1.upstream_rq_2xx") == .counter(1))
    #expect(
      Self.value(samples, "cluster.c1.upstream_rq_4xx") == nil,
      "classes appear once used, as in Envoy")
    #expect(Self.value(samples, "cluster.c1.upstream_rq_retry") == .counter(2))
    #expect(Self.value(samples, "cluster.c1.upstream_rq_retry_success") == .counter(1))
    #expect(Self.value(samples, "http.ingress.downstream_rq_2xx") == .counter(1))
    #expect(Self.value(samples, "http.ingress.downstream_rq_5xx") == .counter(0))
    #expect(Self.value(samples, "http.ingress.downstream_rq_total") == .counter(1))
    #expect(samples.map(\.name) == samples.map(\.name).sorted())
  }

  @Test func shards_addUp() {
    let stats = ProxyStats(shardCount: 3)
    for index in 0..<3 { Self.countRetriedRequest(stats.shard(index)) }
    stats.shard(1).cluster("c1").increment(.upstreamConnectionsActive)
    stats.shard(2).cluster("c1").increment(.upstreamConnectionsActive)
    stats.shard(2).cluster("c1").decrement(.upstreamConnectionsActive)
    stats.shard(0).count(.rateLimited)
    let samples = stats.samples()
    #expect(Self.value(samples, "cluster.c1.upstream_rq_503") == .counter(6))
    #expect(Self.value(samples, "cluster.c1.upstream_cx_active") == .gauge(1))
    #expect(Self.value(samples, "http_local_rate_limit.rate_limited") == .counter(1))
    guard case .histogram(let time) = Self.value(samples, "cluster.c1.upstream_rq_time") else {
      Issue.record("no upstream_rq_time")
      return
    }
    #expect(time.count == 9 && time.sum == 180)
  }

  @Test func text_isEnvoysStatsPage() {
    let stats = ProxyStats()
    Self.countRetriedRequest(stats.shard(0))
    _ = stats.shard(0).listener("egress")
    let lines = stats.renderText().split(separator: "\n").map(String.init)
    #expect(lines.contains("cluster.c1.upstream_rq_503: 2"))
    #expect(lines.contains("cluster.c1.outlier_detection.ejections_active: 0"))
    #expect(
      lines.contains(
        "http.ingress.downstream_rq_time: P0(nan,50) P25(nan,62.5) P50(nan,75) P75(nan,87.5) P90(nan,95) P99(nan,99.5) P99.9(nan,99.95) P100(nan,100)"
      ))
    #expect(
      lines.contains(
        "cluster.c1.upstream_rq_time: P0(nan,5) P25(nan,8.75) P50(nan,17.5) P75(nan,31.25) P90(nan,42.5) P99(nan,49.25) P99.9(nan,49.925) P100(nan,50)"
      ))
    #expect(lines.contains("http.egress.downstream_rq_time: No recorded values"))
    let plain = lines.prefix { !$0.contains("P0(") && !$0.contains("No recorded values") }
    #expect(
      plain.count > 40
        && plain.map { $0.prefix { $0 != ":" } } == plain.map { $0.prefix { $0 != ":" } }.sorted())
  }

  @Test func prometheus_matchesGolden() {
    let stats = ProxyStats()
    let shard = stats.shard(0)
    let cluster = shard.cluster("x")
    cluster.countResponse(status: 503)
    cluster.countResponse(status: 503)
    cluster.countResponse(status: 200)
    cluster.upstreamRequestTime.record(milliseconds: 3)
    cluster.upstreamRequestTime.record(milliseconds: 700)
    let text = stats.renderPrometheus()
    #expect(
      text.contains(
        """
        # HELP envoy_cluster_upstream_rq Envoy stat cluster.<envoy_cluster_name>.upstream_rq_<envoy_response_code>
        # TYPE envoy_cluster_upstream_rq untyped
        envoy_cluster_upstream_rq{envoy_response_code="200",envoy_cluster_name="x"} 1
        envoy_cluster_upstream_rq{envoy_response_code="503",envoy_cluster_name="x"} 2
        # HELP envoy_cluster_upstream_rq_active Envoy stat cluster.<envoy_cluster_name>.upstream_rq_active
        # TYPE envoy_cluster_upstream_rq_active gauge
        envoy_cluster_upstream_rq_active{envoy_cluster_name="x"} 0

        """))
    #expect(
      text.contains(
        """
        # HELP envoy_cluster_upstream_rq_time Envoy stat cluster.<envoy_cluster_name>.upstream_rq_time
        # TYPE envoy_cluster_upstream_rq_time histogram
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="0.5"} 0
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="1"} 0
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="5"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="10"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="25"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="50"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="100"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="250"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="500"} 1
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="1000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="2500"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="5000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="10000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="30000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="60000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="300000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="600000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="1800000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="3600000"} 2
        envoy_cluster_upstream_rq_time_bucket{envoy_cluster_name="x",le="+Inf"} 2
        envoy_cluster_upstream_rq_time_sum{envoy_cluster_name="x"} 703
        envoy_cluster_upstream_rq_time_count{envoy_cluster_name="x"} 2
        # HELP envoy_cluster_upstream_rq_timeout Envoy stat cluster.<envoy_cluster_name>.upstream_rq_timeout
        # TYPE envoy_cluster_upstream_rq_timeout untyped
        envoy_cluster_upstream_rq_timeout{envoy_cluster_name="x"} 0
        # HELP envoy_cluster_upstream_rq_total Envoy stat cluster.<envoy_cluster_name>.upstream_rq_total
        # TYPE envoy_cluster_upstream_rq_total counter
        envoy_cluster_upstream_rq_total{envoy_cluster_name="x"} 0
        # HELP envoy_cluster_upstream_rq_xx Envoy stat cluster.<envoy_cluster_name>.upstream_rq_<envoy_response_code_class>xx
        # TYPE envoy_cluster_upstream_rq_xx untyped
        envoy_cluster_upstream_rq_xx{envoy_response_code_class="2",envoy_cluster_name="x"} 1
        envoy_cluster_upstream_rq_xx{envoy_response_code_class="5",envoy_cluster_name="x"} 2

        """))
  }

  @Test func prometheus_passesPromtool() throws {
    let stats = ProxyStats(shardCount: 2)
    Self.countRetriedRequest(stats.shard(0))
    Self.countRetriedRequest(stats.shard(1), cluster: "cds_egress_demo_unicorn-v1_http_15002")
    stats.shard(1).listener("egress").count(.faultAbortsInjected)
    let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    let path = try #require(promtool, "promtool missing: install the Debian package 'prometheus'")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(stats.renderPrometheus().utf8))
    try input.fileHandleForWriting.close()
    let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "promtool: \(report)")
  }

  @Test func statsd_sendsDeltasGaugesAndTimers() {
    let stats = ProxyStats()
    var flusher = StatsDFlusher()
    let cluster = stats.shard(0).cluster("x")
    cluster.countResponse(status: 503)
    cluster.increment(.upstreamConnectionsActive)
    for ms in [10, 20, 30, 40] { cluster.upstreamRequestTime.record(milliseconds: UInt64(ms)) }
    cluster.upstreamRequestTime.record(milliseconds: 7)
    let first = flusher.flush(stats.samples())
    #expect(first.contains("envoy.cluster.x.upstream_rq_503:1|c"))
    #expect(first.contains("envoy.cluster.x.upstream_rq_5xx:1|c"))
    #expect(first.contains("envoy.cluster.x.upstream_cx_active:1|g"))
    #expect(
      first.contains("envoy.cluster.x.upstream_rq_time:8.5|ms|@0.5"),
      "7 and 10 share the (5, 10] bucket")
    #expect(first.contains("envoy.cluster.x.upstream_rq_time:20|ms"))
    #expect(first.contains("envoy.cluster.x.upstream_rq_time:35|ms|@0.5"))
    #expect(
      !first.contains { $0.hasPrefix("envoy.cluster.x.upstream_rq_total:") },
      "unchanged counters are not sent")
    cluster.countResponse(status: 503)
    cluster.countResponse(status: 503)
    let second = flusher.flush(stats.samples())
    #expect(second.contains("envoy.cluster.x.upstream_rq_503:2|c"))
    #expect(!second.contains { $0.contains("|ms") })
    let datagrams = StatsDFlusher.datagrams(first, maxBytes: 200)
    #expect(datagrams.allSatisfy { $0.count <= 200 })
    #expect(
      datagrams.flatMap {
        String(decoding: $0, as: UTF8.self).split(separator: "\n").map(String.init)
      } == first)
  }

  @Test func clusters_listHostStatsAndHealth() {
    let stats = ProxyStats(shardCount: 2)
    Self.countRetriedRequest(stats.shard(0))
    Self.countRetriedRequest(stats.shard(1))
    let other = stats.shard(0).cluster("c1").host("127.0.0.1:9002")
    other.setHealth([.failedOutlierCheck, .failedActiveHealthCheck])
    other.increment(.connectionsActive)
    #expect(
      stats.renderClusters() == """
        c1::127.0.0.1:9001::cx_active::0
        c1::127.0.0.1:9001::cx_connect_fail::0
        c1::127.0.0.1:9001::cx_total::0
        c1::127.0.0.1:9001::rq_active::0
        c1::127.0.0.1:9001::rq_error::4
        c1::127.0.0.1:9001::rq_success::2
        c1::127.0.0.1:9001::rq_timeout::0
        c1::127.0.0.1:9001::rq_total::6
        c1::127.0.0.1:9001::health_flags::healthy
        c1::127.0.0.1:9002::cx_active::1
        c1::127.0.0.1:9002::cx_connect_fail::0
        c1::127.0.0.1:9002::cx_total::0
        c1::127.0.0.1:9002::rq_active::0
        c1::127.0.0.1:9002::rq_error::0
        c1::127.0.0.1:9002::rq_success::0
        c1::127.0.0.1:9002::rq_timeout::0
        c1::127.0.0.1:9002::rq_total::0
        c1::127.0.0.1:9002::health_flags::/failed_active_hc/failed_outlier_check

        """)
  }
}

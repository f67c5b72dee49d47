/// All of a proxy's stats under Envoy's names: one `StatsShard` per event loop, added up when
/// read, and rendered as Envoy's admin `/stats`, `/stats/prometheus` and `/clusters`, or as
/// StatsD lines by a `StatsDFlusher`.
public final class ProxyStats: Sendable {
  public let shards: [StatsShard]

  public init(shardCount: Int = 1) {
    shards = (0..<max(1, shardCount)).map { _ in StatsShard() }
  }

  /// The shard of event loop `index`.
  public func shard(_ index: Int) -> StatsShard { shards[index % shards.count] }

  /// Every stat, shards added up, sorted by Envoy name.
  public func samples() -> [StatSample] {
    var byName: [String: StatSample] = [:]
    for shard in shards {
      for sample in Self.samples(of: shard) {
        if byName[sample.name] != nil {
          byName[sample.name]?.merge(sample.value)
        } else {
          byName[sample.name] = sample
        }
      }
    }
    return byName.values.sorted { $0.name < $1.name }
  }

  private static func samples(of shard: StatsShard) -> [StatSample] {
    var samples: [StatSample] = []
    for cluster in shard.clusterList {
      let tag = StatLabel("envoy_cluster_name", cluster.name)
      func add(_ stat: String, _ value: StatSample.Value) {
        samples.append(
          StatSample(
            name: "cluster.\(cluster.name).\(stat)", family: "envoy_cluster_" + underscored(stat),
            labels: [tag],
            help: "cluster.<envoy_cluster_name>.\(stat)", value: value))
      }
      for counter in ClusterCounter.allCases { add(counter.name, .counter(cluster.value(counter))) }
      for gauge in ClusterGauge.allCases { add(gauge.name, .gauge(cluster.value(gauge))) }
      add("upstream_rq_time", .histogram(cluster.upstreamRequestTime.snapshot()))
      var classes = [UInt64](repeating: 0, count: 6)
      for status in 100...599 {
        let count = cluster.responses(status: status)
        guard count > 0 else { continue }
        classes[status / 100] &+= count
        samples.append(
          StatSample(
            name: "cluster.\(cluster.name).upstream_rq_\(status)",
            family: "envoy_cluster_upstream_rq",
            labels: [StatLabel("envoy_response_code", String(status)), tag],
            help: "cluster.<envoy_cluster_name>.upstream_rq_<envoy_response_code>",
            value: .counter(count)))
      }
      for statusClass in 1...5 where classes[statusClass] > 0 {
        samples.append(
          classSample(
            "cluster.\(cluster.name).upstream_rq_\(statusClass)xx", "envoy_cluster_upstream_rq_xx",
            statusClass, tag,
            "cluster.<envoy_cluster_name>.upstream_rq_<envoy_response_code_class>xx",
            classes[statusClass]))
      }
    }
    for listener in shard.listenerList {
      let tag = StatLabel("envoy_http_conn_manager_prefix", listener.prefix)
      func add(_ stat: String, _ value: StatSample.Value) {
        samples.append(
          StatSample(
            name: "http.\(listener.prefix).\(stat)", family: "envoy_http_" + underscored(stat),
            labels: [tag],
            help: "http.<envoy_http_conn_manager_prefix>.\(stat)", value: value))
      }
      for counter in ListenerCounter.allCases {
        add(counter.name, .counter(listener.value(counter)))
      }
      for gauge in ListenerGauge.allCases { add(gauge.name, .gauge(listener.value(gauge))) }
      add("downstream_rq_time", .histogram(listener.downstreamRequestTime.snapshot()))
      for statusClass in 1...5 {
        samples.append(
          classSample(
            "http.\(listener.prefix).downstream_rq_\(statusClass)xx", "envoy_http_downstream_rq_xx",
            statusClass, tag,
            "http.<envoy_http_conn_manager_prefix>.downstream_rq_<envoy_response_code_class>xx",
            listener.responses(statusClass: statusClass)))
      }
    }
    for counter in RateLimitCounter.allCases {
      let stat = "http_local_rate_limit.\(counter.name)"
      samples.append(
        StatSample(
          name: stat, family: "envoy_" + underscored(stat), labels: [], help: stat,
          value: .counter(shard.value(counter))))
    }
    return samples
  }

  /// A `…_<N>xx` counter, tagged with its status class as Envoy's tag extraction does.
  private static func classSample(
    _ name: String, _ family: String, _ statusClass: Int, _ tag: StatLabel, _ help: String,
    _ count: UInt64
  ) -> StatSample {
    StatSample(
      name: name, family: family,
      labels: [StatLabel("envoy_response_code_class", String(statusClass)), tag], help: help,
      value: .counter(count))
  }

  private static func underscored(_ stat: String) -> String {
    String(stat.map { $0 == "." ? "_" : $0 })
  }
}

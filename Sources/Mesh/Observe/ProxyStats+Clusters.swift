/// Envoy's admin `/clusters`: one `cluster::host::stat::value` line per host stat, clusters and
/// their hosts in a stable order, each host ending with its `health_flags`.
extension ProxyStats {
  public func renderClusters() -> String {
    var hostsByCluster:
      [String: [String: (counters: [UInt64], gauges: [Int64], health: HostHealthFlags)]] = [:]
    var hostOrder: [String: [String]] = [:]
    for shard in shards {
      for cluster in shard.clusterList {
        for host in cluster.hostList {
          let counters = HostStats.Counter.allCases.map { host.value($0) }
          let gauges = HostStats.Gauge.allCases.map { host.value($0) }
          if let known = hostsByCluster[cluster.name]?[host.address] {
            hostsByCluster[cluster.name]?[host.address] = (
              zip(known.counters, counters).map(&+), zip(known.gauges, gauges).map(&+),
              known.health.union(host.health)
            )
          } else {
            hostsByCluster[cluster.name, default: [:]][host.address] = (
              counters, gauges, host.health
            )
            hostOrder[cluster.name, default: []].append(host.address)
          }
        }
      }
    }
    var text = ""
    for cluster in hostsByCluster.keys.sorted() {
      for address in hostOrder[cluster] ?? [] {
        guard let host = hostsByCluster[cluster]?[address] else { continue }
        var lines: [(String, String)] = []
        for counter in HostStats.Counter.allCases {
          lines.append((counter.name, String(host.counters[counter.rawValue])))
        }
        for gauge in HostStats.Gauge.allCases {
          lines.append((gauge.name, String(host.gauges[gauge.rawValue])))
        }
        for (stat, value) in lines.sorted(by: { $0.0 < $1.0 }) {
          text += "\(cluster)::\(address)::\(stat)::\(value)\n"
        }
        text += "\(cluster)::\(address)::health_flags::\(host.health)\n"
      }
    }
    return text
  }
}

import Wire

/// One upstream host as one loop sees it: its address and the loop's idle keep-alive
/// connections to it, newest last (reused first, while the upstream still holds them open).
final class UpstreamHost {
  let address: SocketAddress
  /// `host:port`, as `%UPSTREAM_HOST%` and `host` (for clients that sent none) print it.
  let authority: String
  var idle: [UpstreamConnection] = []
  let stats: HostStats
  /// Its place in the cluster's host list (the outlier detector's host number).
  let index: Int
  /// The cluster's stats, which connection counts go to as well.
  let clusterStats: ClusterStats

  init(address: SocketAddress, index: Int, cluster: ClusterStats) {
    self.address = address
    self.index = index
    authority = address.description
    stats = cluster.host(authority)
    clusterStats = cluster
  }
}

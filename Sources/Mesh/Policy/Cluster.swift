import Wire

/// An upstream cluster as the sidecar sees it: a virtual node's instances and the policies
/// that guard them. Names follow App Mesh's Envoy clusters: `cds_ingress_<mesh>_<node>_http_<port>`
/// for the node's own app, `cds_egress_<mesh>_<node>_http_<port>` for a target node.
public final class Cluster: Sendable {
  public let name: String
  /// Dense position in `RouteTable.clusters`, for per-cluster state kept in arrays.
  public let index: Int
  public let virtualNode: String
  public let hosts: [SocketAddress]
  /// From the node's `connectionPool` on the ingress cluster; Envoy's defaults on egress clusters.
  public let circuitBreaker: CircuitBreakerLimits
  /// From the target node's `outlierDetection` (egress clusters only).
  public let outlierDetection: OutlierDetectionSettings?
  /// The node's active health check (ingress cluster only: each sidecar checks its own app).
  public let healthCheck: HealthCheckConfig?

  init(
    name: String, index: Int, virtualNode: String, hosts: [SocketAddress],
    circuitBreaker: CircuitBreakerLimits,
    outlierDetection: OutlierDetectionSettings?, healthCheck: HealthCheckConfig?
  ) {
    self.name = name
    self.index = index
    self.virtualNode = virtualNode
    self.hosts = hosts
    self.circuitBreaker = circuitBreaker
    self.outlierDetection = outlierDetection
    self.healthCheck = healthCheck
  }
}

/// Where the dashboard finds the demo mesh's stats (issue 9; FORMATS.md "Stats"). Each sidecar
/// sends Envoy's stats over StatsD as `envoy.<stat>` tagged `appmesh.virtual_node:<node>` (the
/// label `appmesh_virtual_node`); clusters are named App Mesh's way, the callee side of a node
/// `cds_ingress_<mesh>_<node>_http_<port>` (its own sidecar to its app) and the caller side
/// `cds_egress_<mesh>_<node>_http_<port>` (a caller's sidecar to that node). The sandbox agent
/// sends each process's CPU and memory as `sidecarlab.container.*` tagged `container_name`.
enum MeshStatNames {
  static let mesh = "demo"
  static let port = 8080
  /// Every virtual node, and the calls between them (swan calls unicorn's two versions).
  static let nodes = ["swan", "unicorn-v1", "unicorn-v2"]
  static let edges = [
    (caller: "swan", callee: "unicorn-v1"), (caller: "swan", callee: "unicorn-v2"),
  ]

  static let nodeLabel = "appmesh_virtual_node"
  static let containerLabel = "container_name"
  static let cpu = "sidecarlab.container.cpu_percent"
  static let memory = "sidecarlab.container.memory_rss_bytes"

  /// The callee side of `node`: its own sidecar's cluster for its app.
  static func ingress(_ node: String) -> String {
    "envoy.cluster.cds_ingress_\(mesh)_\(node)_http_\(port)"
  }

  /// The caller side of calls to `node`: a caller's sidecar's cluster for it.
  static func egress(_ node: String) -> String {
    "envoy.cluster.cds_egress_\(mesh)_\(node)_http_\(port)"
  }

  /// Every cluster the dashboard reads: each node's callee side, then each edge's caller side.
  static var clusters: [String] {
    nodes.map(ingress) + Set(edges.map(\.callee)).sorted().map(egress)
  }

  /// A cluster's name for a legend: `unicorn-v1 (callee)` or `→ unicorn-v1 (caller)`.
  static func legend(_ cluster: String) -> String {
    for node in nodes {
      if cluster == ingress(node) { return "\(node) (callee side)" }
      if cluster == egress(node) { return "→ \(node) (caller side)" }
    }
    return cluster
  }
}

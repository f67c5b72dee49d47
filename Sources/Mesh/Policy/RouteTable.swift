import Wire

/// Everything one virtual node's sidecar needs to route, compiled once from a `MeshDocument`:
/// the ingress route to the node's own app, and for each backend virtual service the routes of
/// its provider. Immutable and `Sendable`; a configuration change builds a new table, and
/// requests in flight keep the routes they already hold.
public final class RouteTable: Sendable {
  public let meshName: String
  public let nodeName: String
  public let egressFilter: EgressFilter
  /// The node's listener port (where the sidecar takes ingress traffic), if it has a listener.
  public let listenerPort: Int?
  public let accessLog: AccessLogConfig?
  /// Every cluster the sidecar may use; `clusters[c.index] === c`.
  public let clusters: [Cluster]
  /// Every route; `routes[r.index] === r`.
  public let routes: [CompiledRoute]
  /// The route for traffic arriving at the listener: to the node's own app.
  public let ingress: CompiledRoute?
  /// Backend virtual services with their routes in match order.
  private let services: [(name: String, routes: [CompiledRoute])]

  /// Compiles the view of virtual node `node`, validating the document first (so a document
  /// built in code cannot yield a route without targets). `discovery` supplies the node's own
  /// app and the addresses of DNS hostnames; by default ingress goes to the node's discovery
  /// hosts and only numeric hostnames have addresses.
  public init(document: MeshDocument, node: String, discovery: HostDiscovery = HostDiscovery())
    throws(MeshConfigError)
  {
    try document.validate()
    guard let local = document.virtualNode(named: node) else {
      throw MeshConfigError(path: "virtualNodes", message: "no virtual node named '\(node)'")
    }
    let builder = Builder(document: document, discovery: discovery)
    meshName = document.mesh.meshName
    nodeName = node
    egressFilter = document.mesh.egressFilter
    listenerPort = local.listener?.port
    accessLog = local.accessLog
    ingress =
      local.hosts.isEmpty && discovery.app == nil ? nil : builder.ingressRoute(for: local)
    services = local.backends.compactMap { name in
      document.virtualService(named: name).map { (name, builder.routes(for: $0)) }
    }
    clusters = builder.clusters
    routes = builder.routes
  }

  /// Names of the virtual services this node may call.
  public var serviceNames: [String] { services.map(\.name) }

  public func cluster(named name: String) -> Cluster? { clusters.first { $0.name == name } }

  /// The route for a request: with `service` nil, the ingress route; otherwise the first
  /// matching route of that virtual service (`service` may carry a `:port`, and compares
  /// case-insensitively, as a Host does). `nil` means no route: 404 with flag `NR` — unless the
  /// host is no backend at all and `egressFilter` is `ALLOW_ALL`, when the engine may pass the
  /// request through to the host it names.
  public func route(for head: HTTPRequestHead, service: Substring?) -> CompiledRoute? {
    guard let service else { return ingress }
    let name = Self.hostName(service)
    for entry in services where entry.name.equalsIgnoringASCIICase(name) {
      return entry.routes.first { $0.matches(head) }
    }
    return nil
  }

  /// `unicorn.local:8080` → `unicorn.local`; `[::1]:80` → `[::1]`.
  static func hostName(_ authority: Substring) -> Substring {
    guard let colon = authority.utf8.lastIndex(of: UInt8(ascii: ":")),
      !authority[colon...].contains("]")
    else { return authority }
    return authority[..<colon]
  }
}

import Wire

/// Where one sidecar finds the hosts of its clusters, beyond what the mesh document says:
/// - `app` (`sidecarlab proxy --app`): the node's own app, the only host of its ingress
///   cluster. It differs from the node's `serviceDiscovery` hosts, which are what callers'
///   sidecars dial (this sidecar's ingress listener); without it, ingress goes to those hosts.
/// - `names` (`--resolve`): the sidecar's own table for DNS names in
///   `serviceDiscovery.dns.hostname` (App Mesh's shape, `unicorn-v1.demo.local`). No DNS server
///   is asked; a name the table lacks resolves to no hosts (503 `UH`, as Envoy answers for an
///   empty cluster). Numeric `host:port` hostnames need no table.
public struct HostDiscovery: Sendable, Equatable {
  /// The node's own app, or `nil` to send ingress traffic to the node's discovery hosts.
  public var app: SocketAddress?
  /// Addresses by lowercased DNS name.
  public private(set) var names: [String: [SocketAddress]]

  public init(app: SocketAddress? = nil, names: [String: [SocketAddress]] = [:]) {
    self.app = app
    self.names = Dictionary(
      names.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
  }

  /// The addresses of a node's `serviceDiscovery` hosts: numeric ones as they are, a DNS name
  /// through the table (case-insensitively, as DNS compares names).
  public func addresses(of hosts: [String]) -> [SocketAddress] {
    hosts.flatMap { host in
      SocketAddress(host).map { [$0] } ?? names[host.lowercased()] ?? []
    }
  }

  /// The hosts of a node's ingress cluster: the app when one is given, else its discovery hosts.
  public func ingressAddresses(of node: VirtualNode) -> [SocketAddress] {
    app.map { [$0] } ?? addresses(of: node.hosts)
  }
}

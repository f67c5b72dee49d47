import Wire

extension RouteTable {
  /// Builds clusters and routes, sharing one cluster per target node and numbering both densely.
  final class Builder {
    let document: MeshDocument
    let discovery: HostDiscovery
    private(set) var clusters: [Cluster] = []
    private(set) var routes: [CompiledRoute] = []
    /// Each router's routes, compiled once even when several services share the router.
    private var routerRoutes: [String: [CompiledRoute]] = [:]

    init(document: MeshDocument, discovery: HostDiscovery) {
      self.document = document
      self.discovery = discovery
    }

    /// The node's own app (`discovery.app`, else its discovery hosts): its `connectionPool` as
    /// circuit breakers, its health check and its listener timeouts; no retries (Envoy's
    /// default without a retry policy).
    func ingressRoute(for node: VirtualNode) -> CompiledRoute {
      let cluster = add(
        name: clusterName("ingress", node), node: node,
        hosts: discovery.ingressAddresses(of: node),
        circuitBreaker: CircuitBreakerLimits(node.listener?.connectionPool),
        outlierDetection: nil, healthCheck: node.listener?.healthCheck)
      return add(
        name: "ingress", matcher: .everything, priority: 0, targets: [(cluster, 1)],
        retryPolicy: .none,
        timeout: node.listener?.timeout, fault: nil, rateLimit: nil)
    }

    /// A service's routes in match order: by priority (none counts as after 1000), then by how
    /// specific the path condition is, then in document order.
    func routes(for service: VirtualService) -> [CompiledRoute] {
      switch service.provider {
      case nil:
        return []
      case .virtualNode(let name):
        guard let node = document.virtualNode(named: name) else { return [] }
        return [
          add(
            name: service.virtualServiceName, matcher: .everything, priority: 0,
            targets: [(egressCluster(node), 1)],
            retryPolicy: .none, timeout: nil, fault: nil, rateLimit: nil)
        ]
      case .virtualRouter(let router):
        if let known = routerRoutes[router] { return known }
        let compiled = document.routes.filter { $0.virtualRouterName == router }.map { route in
          let http = route.httpRoute
          return add(
            name: route.routeName, matcher: RouteMatcher(http.match),
            priority: route.priority ?? 1001,
            targets: http.weightedTargets.compactMap { target in
              document.virtualNode(named: target.virtualNode).map {
                (egressCluster($0), target.weight)
              }
            },
            retryPolicy: http.retryPolicy.map(RetryPolicy.init) ?? .none, timeout: http.timeout,
            fault: http.fault.map(FaultPolicy.init), rateLimit: http.localRateLimit)
        }
        let ordered = compiled.enumerated().sorted { a, b in
          if a.element.priority != b.element.priority {
            return a.element.priority < b.element.priority
          }
          let (sa, sb) = (a.element.matcher.specificity, b.element.matcher.specificity)
          return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
        routerRoutes[router] = ordered
        return ordered
      }
    }

    /// The cluster callers use to reach `node`, guarded by its outlier detection.
    private func egressCluster(_ node: VirtualNode) -> Cluster {
      let name = clusterName("egress", node)
      if let existing = clusters.first(where: { $0.name == name }) { return existing }
      return add(
        name: name, node: node, hosts: discovery.addresses(of: node.hosts),
        circuitBreaker: .envoyDefault,
        outlierDetection: node.listener?.outlierDetection.map(OutlierDetectionSettings.init),
        healthCheck: nil)
    }

    /// App Mesh's Envoy cluster names: `cds_<direction>_<mesh>_<node>_http_<port>`.
    private func clusterName(_ direction: String, _ node: VirtualNode) -> String {
      let base = "cds_\(direction)_\(document.mesh.meshName)_\(node.virtualNodeName)"
      return node.listener.map { "\(base)_http_\($0.port)" } ?? base
    }

    private func add(
      name: String, node: VirtualNode, hosts: [SocketAddress],
      circuitBreaker: CircuitBreakerLimits,
      outlierDetection: OutlierDetectionSettings?,
      healthCheck: HealthCheckConfig?
    ) -> Cluster {
      let cluster = Cluster(
        name: name, index: clusters.count, virtualNode: node.virtualNodeName,
        hosts: hosts,
        circuitBreaker: circuitBreaker, outlierDetection: outlierDetection, healthCheck: healthCheck
      )
      clusters.append(cluster)
      return cluster
    }

    private func add(
      name: String, matcher: RouteMatcher, priority: Int,
      targets: [(cluster: Cluster, weight: Int)],
      retryPolicy: RetryPolicy, timeout: TimeoutConfig?, fault: FaultPolicy?,
      rateLimit: LocalRateLimitConfig?
    ) -> CompiledRoute {
      let route = CompiledRoute(
        name: name, index: routes.count, matcher: matcher, priority: priority, targets: targets,
        retryPolicy: retryPolicy, timeout: timeout, fault: fault, rateLimit: rateLimit)
      routes.append(route)
      return route
    }
  }
}

/// Checks that span resources: unique names, and every reference resolved.
extension MeshDocument {
  /// Checks a document built or edited in code as thoroughly as a parsed one (every bound, then
  /// every reference), by reading back its JSON form; throws the first problem, naming the field.
  public func validate() throws(MeshConfigError) {
    _ = try MeshDocument(json: jsonBytes())
  }

  /// Throws the first broken reference, naming the field: duplicate names, a route whose router
  /// or target node does not exist, a backend or provider that names nothing.
  func validateReferences() throws(MeshConfigError) {
    try Self.unique(
      virtualServices.map(\.virtualServiceName), "virtualServices", "virtualServiceName")
    try Self.unique(virtualNodes.map(\.virtualNodeName), "virtualNodes", "virtualNodeName")
    try Self.unique(virtualRouters.map(\.virtualRouterName), "virtualRouters", "virtualRouterName")
    let nodes = Set(virtualNodes.map(\.virtualNodeName))
    let routers = Set(virtualRouters.map(\.virtualRouterName))
    let services = Set(virtualServices.map(\.virtualServiceName))
    for (index, service) in virtualServices.enumerated() {
      switch service.provider {
      case .virtualNode(let name) where !nodes.contains(name):
        throw MeshConfigError(
          path: "virtualServices[\(index)].spec.provider.virtualNode.virtualNodeName",
          message: "no virtual node named '\(name)'")
      case .virtualRouter(let name) where !routers.contains(name):
        throw MeshConfigError(
          path: "virtualServices[\(index)].spec.provider.virtualRouter.virtualRouterName",
          message: "no virtual router named '\(name)'")
      default:
        break
      }
    }
    for (index, node) in virtualNodes.enumerated() {
      for (backend, name) in node.backends.enumerated() where !services.contains(name) {
        throw MeshConfigError(
          path:
            "virtualNodes[\(index)].spec.backends[\(backend)].virtualService.virtualServiceName",
          message: "no virtual service named '\(name)'")
      }
    }
    var routeNames: Set<String> = []
    for (index, route) in routes.enumerated() {
      guard routers.contains(route.virtualRouterName) else {
        throw MeshConfigError(
          path: "routes[\(index)].virtualRouterName",
          message: "no virtual router named '\(route.virtualRouterName)'")
      }
      guard routeNames.insert("\(route.virtualRouterName)/\(route.routeName)").inserted else {
        throw MeshConfigError(
          path: "routes[\(index)].routeName",
          message: "'\(route.routeName)' is used twice in its router")
      }
      for (target, weighted) in route.httpRoute.weightedTargets.enumerated()
      where !nodes.contains(weighted.virtualNode) {
        throw MeshConfigError(
          path: "routes[\(index)].spec.httpRoute.action.weightedTargets[\(target)].virtualNode",
          message: "no virtual node named '\(weighted.virtualNode)'")
      }
    }
  }

  private static func unique(_ names: [String], _ list: String, _ field: String)
    throws(MeshConfigError)
  {
    var seen: Set<String> = []
    for (index, name) in names.enumerated() where !seen.insert(name).inserted {
      throw MeshConfigError(path: "\(list)[\(index)].\(field)", message: "'\(name)' is used twice")
    }
  }
}

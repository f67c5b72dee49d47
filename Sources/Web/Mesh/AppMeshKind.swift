import Foundation
import Mesh

/// The App Mesh resource kinds the lab API serves, with the names the REST layout and the
/// bodies use (botocore `appmesh/2019-01-25`; FORMATS.md "App Mesh resource model").
enum AppMeshKind: Sendable {
  case virtualNode, virtualRouter, route, virtualService

  /// The key wrapping one resource in a response (`{"route": RouteData}`), and its ARN segment.
  var key: String {
    switch self {
    case .virtualNode: "virtualNode"
    case .virtualRouter: "virtualRouter"
    case .route: "route"
    case .virtualService: "virtualService"
    }
  }

  /// The key of a list response (`{"routes": [RouteRef], "nextToken"}`).
  var listKey: String { key + "s" }

  /// The field naming a resource (`routeName`).
  var nameField: String { key + "Name" }

  /// What the messages call it.
  var label: String {
    switch self {
    case .virtualNode: "virtual node"
    case .virtualRouter: "virtual router"
    case .route: "route"
    case .virtualService: "virtual service"
    }
  }

  /// Each resource of this kind in `document` (routes: only those of `router`), with its JSON
  /// form in the shape the mesh document holds it.
  func resources(in document: MeshDocument, router: String?) -> [(
    name: String, json: [String: Any]
  )] {
    switch self {
    case .virtualNode:
      document.virtualNodes.map { ($0.virtualNodeName, Self.object($0.jsonBytes())) }
    case .virtualRouter:
      document.virtualRouters.map { ($0.virtualRouterName, Self.object($0.jsonBytes())) }
    case .route:
      document.routes.filter { $0.virtualRouterName == router }.map {
        ($0.routeName, Self.object($0.jsonBytes()))
      }
    case .virtualService:
      document.virtualServices.map { ($0.virtualServiceName, Self.object($0.jsonBytes())) }
    }
  }

  /// Parses `object` (a resource with its names and spec) and puts it into `document` in place
  /// of the one with the same name, or after the others.
  /// - Throws: `MeshConfigError` naming the field from the resource's root (`spec.…`).
  func put(_ object: [String: Any], into document: inout MeshDocument) throws {
    let json = Array(try JSONSerialization.data(withJSONObject: object))
    switch self {
    case .virtualNode:
      let node = try VirtualNode(json: json)
      Self.replace(node, in: &document.virtualNodes) { $0.virtualNodeName == node.virtualNodeName }
    case .virtualRouter:
      let router = try VirtualRouter(json: json)
      Self.replace(router, in: &document.virtualRouters) {
        $0.virtualRouterName == router.virtualRouterName
      }
    case .route:
      let route = try MeshRoute(json: json)
      Self.replace(route, in: &document.routes) {
        $0.virtualRouterName == route.virtualRouterName && $0.routeName == route.routeName
      }
    case .virtualService:
      let service = try VirtualService(json: json)
      Self.replace(service, in: &document.virtualServices) {
        $0.virtualServiceName == service.virtualServiceName
      }
    }
  }

  private static func replace<T>(_ item: T, in list: inout [T], where same: (T) -> Bool) {
    if let index = list.firstIndex(where: same) { list[index] = item } else { list.append(item) }
  }

  private static func object(_ json: [UInt8]) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(json))) as? [String: Any] ?? [:]
  }
}

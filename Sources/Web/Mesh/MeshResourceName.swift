import Foundation
import Mesh

/// A resource of a mesh named as the end of its App Mesh ARN: `virtualNode/NAME`,
/// `virtualRouter/NAME`, `virtualRouter/NAME/route/NAME` or `virtualService/NAME`.
struct MeshResourceName: Sendable, Equatable, CustomStringConvertible {
  let kind: AppMeshKind
  let name: String
  /// The route's router; `nil` for the other kinds.
  let router: String?

  init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 255 }) else { return nil }
    switch (parts.count, parts.first) {
    case (2, "virtualNode"): (kind, router) = (.virtualNode, nil)
    case (2, "virtualRouter"): (kind, router) = (.virtualRouter, nil)
    case (2, "virtualService"): (kind, router) = (.virtualService, nil)
    case (4, "virtualRouter") where parts[2] == "route": (kind, router) = (.route, parts[1])
    default: return nil
    }
    name = parts[parts.count - 1]
  }

  var description: String {
    router.map { "route \($0)/\(name)" } ?? "\(kind.label) \(name)"
  }

  /// The resource's `spec` in `document` (as `JSONSerialization` reads it); `nil` when the
  /// document has no such resource.
  func spec(in document: MeshDocument) -> Any? {
    kind.resources(in: document, router: router).first { $0.name == name }?.json["spec"]
  }
}

import Telemetry

/// A virtual service: the name callers use (`unicorn.local`), provided by a node or a router.
/// `{"virtualServiceName": …, "spec": {"provider": {"virtualRouter": {"virtualRouterName": …}}}}`.
public struct VirtualService: Sendable, Equatable, JSONConfigObject {
  public var virtualServiceName: String
  /// `nil` when the service has no provider yet: calls to it get 404 `NR`.
  public var provider: VirtualServiceProvider?

  public init(virtualServiceName: String, provider: VirtualServiceProvider?) {
    self.virtualServiceName = virtualServiceName
    self.provider = provider
  }

  /// Parses one resource as the lab API receives it; errors name fields from the resource's root.
  /// References to other resources are checked only when it joins a document.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  /// The resource as JSON, in the shape it is read from.
  public func jsonBytes() -> [UInt8] { encoded() }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "virtualServiceName", "meshName", "spec", "metadata", "status",
    ])
    virtualServiceName = try reader.required("virtualServiceName").name()
    provider = nil
    guard let spec = try reader.optional("spec") else { return }
    _ = try spec.members(allowed: ["provider"])
    guard let choice = try spec.optional("provider") else { return }
    let members = try choice.members(allowed: ["virtualNode", "virtualRouter"])
    guard members.count == 1 else {
      throw choice.error("must name exactly one of virtualNode, virtualRouter")
    }
    if let node = try choice.optional("virtualNode") {
      _ = try node.members(allowed: ["virtualNodeName"])
      provider = .virtualNode(try node.required("virtualNodeName").name())
    } else if let router = try choice.optional("virtualRouter") {
      _ = try router.members(allowed: ["virtualRouterName"])
      provider = .virtualRouter(try router.required("virtualRouterName").name())
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("virtualServiceName", virtualServiceName)
    json.object("spec") { spec in
      switch provider {
      case .virtualNode(let name):
        spec.object("provider") { $0.object("virtualNode") { $0.field("virtualNodeName", name) } }
      case .virtualRouter(let name):
        spec.object("provider") {
          $0.object("virtualRouter") { $0.field("virtualRouterName", name) }
        }
      case nil:
        break
      }
    }
  }
}

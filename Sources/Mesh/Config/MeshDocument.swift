import Telemetry

/// A whole mesh configuration, in App Mesh 2019-01-25 shapes:
/// `{"mesh": {…}, "virtualServices": [...], "virtualNodes": [...], "virtualRouters": [...], "routes": [...]}`.
/// Parsing validates every field and resolves every reference; errors name the field's path.
public struct MeshDocument: Sendable, Equatable, JSONConfigObject {
  /// The largest document accepted, in bytes.
  public static let maximumSize = 1 << 20

  public var mesh: MeshResource
  public var virtualServices: [VirtualService]
  public var virtualNodes: [VirtualNode]
  public var virtualRouters: [VirtualRouter]
  public var routes: [MeshRoute]

  /// A document from parts; call `validate()` before using one built by hand.
  public init(
    mesh: MeshResource, virtualServices: [VirtualService] = [], virtualNodes: [VirtualNode] = [],
    virtualRouters: [VirtualRouter] = [], routes: [MeshRoute] = []
  ) {
    self.mesh = mesh
    self.virtualServices = virtualServices
    self.virtualNodes = virtualNodes
    self.virtualRouters = virtualRouters
    self.routes = routes
  }

  /// Parses and validates a JSON document.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "mesh", "virtualServices", "virtualNodes", "virtualRouters", "routes",
    ])
    mesh = try MeshResource(reader.required("mesh"))
    virtualServices = try Self.list(reader, "virtualServices") { r throws(MeshConfigError) in
      try VirtualService(r)
    }
    virtualNodes = try Self.list(reader, "virtualNodes") { r throws(MeshConfigError) in
      try VirtualNode(r)
    }
    virtualRouters = try Self.list(reader, "virtualRouters") { r throws(MeshConfigError) in
      try VirtualRouter(r)
    }
    routes = try Self.list(reader, "routes") { r throws(MeshConfigError) in try MeshRoute(r) }
    try validateReferences()
  }

  /// Up to 1000 resources of one kind.
  private static func list<T>(
    _ reader: ConfigReader, _ key: String, _ read: (ConfigReader) throws(MeshConfigError) -> T
  ) throws(MeshConfigError) -> [T] {
    var items: [T] = []
    for element in try reader.optional(key)?.array(count: 0...1000) ?? [] {
      items.append(try read(element))
    }
    return items
  }

  /// The document as JSON, in the shapes it was read from (for `/config_dump` and the lab API).
  public func jsonBytes() -> [UInt8] { encoded() }

  func write(to json: inout JSONWriter) {
    json.object("mesh") { mesh.write(to: &$0) }
    json.objects("virtualServices", virtualServices) { json, item in item.write(to: &json) }
    json.objects("virtualNodes", virtualNodes) { json, item in item.write(to: &json) }
    json.objects("virtualRouters", virtualRouters) { json, item in item.write(to: &json) }
    json.objects("routes", routes) { json, item in item.write(to: &json) }
  }

  public func virtualNode(named name: String) -> VirtualNode? {
    virtualNodes.first { $0.virtualNodeName == name }
  }

  public func virtualService(named name: String) -> VirtualService? {
    virtualServices.first { $0.virtualServiceName == name }
  }
}

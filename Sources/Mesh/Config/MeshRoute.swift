import Telemetry

/// A route of a virtual router: `{"routeName": …, "virtualRouterName": …,
/// "spec": {"priority": 0–1000, "httpRoute": {…}}}`. Lower priorities match first.
public struct MeshRoute: Sendable, Equatable, JSONConfigObject {
  public var routeName: String
  public var virtualRouterName: String
  public var priority: Int?
  public var httpRoute: HTTPRouteConfig

  public init(
    routeName: String, virtualRouterName: String, priority: Int? = nil, httpRoute: HTTPRouteConfig
  ) {
    self.routeName = routeName
    self.virtualRouterName = virtualRouterName
    self.priority = priority
    self.httpRoute = httpRoute
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
      "routeName", "virtualRouterName", "meshName", "spec", "metadata", "status",
    ])
    routeName = try reader.required("routeName").name()
    virtualRouterName = try reader.required("virtualRouterName").name()
    let spec = try reader.required("spec")
    _ = try spec.members(allowed: ["priority", "httpRoute"])
    priority = try spec.optional("priority")?.int(in: 0...1000)
    httpRoute = try HTTPRouteConfig(spec.required("httpRoute"))
  }

  func write(to json: inout JSONWriter) {
    json.field("routeName", routeName)
    json.field("virtualRouterName", virtualRouterName)
    json.object("spec") { spec in
      if let priority { spec.field("priority", priority) }
      spec.object("httpRoute") { httpRoute.write(to: &$0) }
    }
  }
}

import Telemetry

/// A virtual router: the routes of the virtual services it provides.
/// `{"virtualRouterName": …, "spec": {"listeners": [{"portMapping": {"port": 8080, "protocol": "http"}}]}}`.
public struct VirtualRouter: Sendable, Equatable, JSONConfigObject {
  public var virtualRouterName: String
  public var port: Int?

  public init(virtualRouterName: String, port: Int? = nil) {
    self.virtualRouterName = virtualRouterName
    self.port = port
  }

  /// Parses one resource as the lab API receives it; errors name fields from the resource's root.
  /// References to other resources are checked only when it joins a document.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  /// The resource as JSON, in the shape it is read from.
  public func jsonBytes() -> [UInt8] { encoded() }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["virtualRouterName", "meshName", "spec", "metadata", "status"])
    virtualRouterName = try reader.required("virtualRouterName").name()
    port = nil
    guard let spec = try reader.optional("spec") else { return }
    _ = try spec.members(allowed: ["listeners"])
    if let listener = try spec.optional("listeners")?.array(count: 0...1).first {
      _ = try listener.members(allowed: ["portMapping"])
      port = try ListenerConfig.port(of: listener.required("portMapping"))
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("virtualRouterName", virtualRouterName)
    json.object("spec") { spec in
      spec.objects("listeners", port.map { [$0] } ?? []) { json, port in
        ListenerConfig.writePortMapping(port, to: &json)
      }
    }
  }
}

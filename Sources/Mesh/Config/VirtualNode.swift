import Telemetry
import Wire

/// A virtual node: one deployable service version behind a sidecar.
/// `{"virtualNodeName": …, "spec": {"listeners": [...], "backends": [...],
/// "serviceDiscovery": {"dns": {"hostname": …}}, "logging": {...}}}`.
///
/// Sidecar Lab resolves no DNS: `serviceDiscovery.dns.hostname` holds the node's instances
/// directly as `host:port`, several separated by commas (`127.0.0.1:9001,127.0.0.1:9002`).
public struct VirtualNode: Sendable, Equatable, JSONConfigObject {
  public var virtualNodeName: String
  /// At most one listener, as in App Mesh.
  public var listener: ListenerConfig?
  /// Names of the virtual services this node may call through its sidecar.
  public var backends: [String]
  /// The node's instance addresses (`host:port`), from its DNS service discovery.
  public var hosts: [String]
  public var accessLog: AccessLogConfig?

  public init(
    virtualNodeName: String, listener: ListenerConfig? = nil, backends: [String] = [],
    hosts: [String] = [], accessLog: AccessLogConfig? = nil
  ) {
    self.virtualNodeName = virtualNodeName
    self.listener = listener
    self.backends = backends
    self.hosts = hosts
    self.accessLog = accessLog
  }

  /// Parses one resource as the lab API receives it; errors name fields from the resource's root.
  /// References to other resources are checked only when it joins a document.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  /// The resource as JSON, in the shape it is read from.
  public func jsonBytes() -> [UInt8] { encoded() }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: ["virtualNodeName", "meshName", "spec", "metadata", "status"])
    virtualNodeName = try reader.required("virtualNodeName").name()
    let spec = try reader.required("spec")
    _ = try spec.members(allowed: ["listeners", "backends", "serviceDiscovery", "logging"])
    listener = try spec.optional("listeners")?.array(count: 0...1).first.map {
      r throws(MeshConfigError) in try ListenerConfig(r)
    }
    backends = []
    for backend in try spec.optional("backends")?.array(count: 0...50) ?? [] {
      _ = try backend.members(allowed: ["virtualService"])
      let service = try backend.required("virtualService")
      _ = try service.members(allowed: ["virtualServiceName"])
      backends.append(try service.required("virtualServiceName").name())
    }
    hosts = []
    if let discovery = try spec.optional("serviceDiscovery") {
      _ = try discovery.members(allowed: ["dns"])
      let dns = try discovery.required("dns")
      _ = try dns.members(allowed: ["hostname"])
      hosts = try Self.hosts(dns.required("hostname"))
    }
    accessLog = try spec.optional("logging").map { r throws(MeshConfigError) in
      try AccessLogConfig(r)
    }
  }

  /// Up to 16 comma-separated numeric `host:port` addresses.
  private static func hosts(_ reader: ConfigReader) throws(MeshConfigError) -> [String] {
    let text = try reader.string(length: 1...1024)
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.trimmingASCIISpaces())
    }
    guard parts.count <= 16 else { throw reader.error("must list at most 16 addresses") }
    for part in parts where SocketAddress(part) == nil {
      throw reader.error("'\(part)' is not a numeric host:port address")
    }
    return parts
  }

  func write(to json: inout JSONWriter) {
    json.field("virtualNodeName", virtualNodeName)
    json.object("spec") { spec in
      spec.objects("listeners", listener.map { [$0] } ?? []) { json, listener in
        listener.write(to: &json)
      }
      spec.objects("backends", backends) { json, name in
        json.object("virtualService") { $0.field("virtualServiceName", name) }
      }
      if !hosts.isEmpty {
        spec.object("serviceDiscovery") {
          $0.object("dns") { $0.field("hostname", hosts.joined(separator: ",")) }
        }
      }
      if let accessLog { spec.object("logging") { accessLog.write(to: &$0) } }
    }
  }
}

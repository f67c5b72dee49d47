import Telemetry
import Wire

/// A virtual node: one deployable service version behind a sidecar.
/// `{"virtualNodeName": …, "spec": {"listeners": [...], "backends": [...],
/// "serviceDiscovery": {"dns": {"hostname": …}}, "logging": {...}}}`.
///
/// `serviceDiscovery.dns.hostname` names the node's instances, the addresses its callers'
/// sidecars dial, in one of two shapes:
/// - a DNS name, as App Mesh has it (`unicorn-v1.demo.local`); the sidecar asks no DNS server
///   but looks the name up in its own table (`sidecarlab proxy --resolve`, ``HostDiscovery``),
///   and a name the table lacks leaves the node's cluster without hosts (503 `UH`, as Envoy
///   answers for an empty cluster);
/// - numeric `host:port` addresses, several separated by commas (`127.0.0.1:9001,127.0.0.1:9002`),
///   which need no table.
public struct VirtualNode: Sendable, Equatable, JSONConfigObject {
  public var virtualNodeName: String
  /// At most one listener, as in App Mesh.
  public var listener: ListenerConfig?
  /// Names of the virtual services this node may call through its sidecar.
  public var backends: [String]
  /// The node's instances from its DNS service discovery: numeric `host:port` addresses, or
  /// one DNS name for the sidecar's name table to resolve.
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

  /// One DNS name (RFC 1123), or up to 16 comma-separated numeric `host:port` addresses.
  private static func hosts(_ reader: ConfigReader) throws(MeshConfigError) -> [String] {
    let text = try reader.string(length: 1...1024)
    if DNSName.isValid(text) { return [text] }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      String($0.trimmingASCIISpaces())
    }
    guard parts.count <= 16 else { throw reader.error("must list at most 16 addresses") }
    for part in parts where SocketAddress(part) == nil {
      throw reader.error("'\(part)' is neither a DNS name nor a numeric host:port address")
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

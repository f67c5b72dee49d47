import Telemetry
import Wire

/// A network fault on a sidecar, in Toxiproxy's model (Shopify/toxiproxy; FORMATS.md
/// "Toxiproxy-style network faults"), set through the admin listener (``ToxicRegistry``):
/// `{"name": "slow_unicorn", "type": "latency", "stream": "downstream", "toxicity": 1,
/// "attributes": {"latency": 1000, "jitter": 100}, "service": "unicorn.demo.local"}`.
///
/// Types, with Toxiproxy's attribute names (milliseconds, default 0):
/// - `latency{latency, jitter}`: the data waits `latency` ± `jitter`;
/// - `reset_peer{timeout}`: the connection is reset (TCP RST) `timeout` after the data;
/// - `timeout{timeout}`: the data is dropped (a blackhole) and the connection closed after
///   `timeout`, or held open forever with 0.
///
/// `stream` is Toxiproxy's direction: `upstream` acts on the request on its way to the app
/// (it is held, or never sent), `downstream` (the default) on the response on its way back
/// (held from its first byte). `toxicity` (0–1, default 1) is the chance the toxic acts;
/// Toxiproxy draws it per connection, the sidecar per try (each retry draws again).
///
/// `service` is Sidecar Lab's extension — a Toxiproxy proxy has one upstream, a sidecar many:
/// the virtual service whose calls it harms (egress: the request's `Host`; the app sees what
/// Envoy reports, 503 `UC` for a cut connection, 504 `UT` when the route timeout passes), or
/// `ingress` for requests arriving at the sidecar's listener (the caller sees the reset, the
/// close or the silence on its own connection). `name` defaults to `<type>_<stream>`.
public struct Toxic: Sendable, Equatable, JSONConfigObject {
  /// Toxiproxy's direction of the data a toxic acts on.
  public enum Stream: String, Sendable, CaseIterable {
    /// Client to server: the request.
    case upstream
    /// Server to client: the response.
    case downstream
  }

  /// The toxic's type and attributes (milliseconds).
  public enum Kind: Sendable, Equatable {
    case latency(latency: Int, jitter: Int)
    case resetPeer(timeout: Int)
    case timeout(timeout: Int)

    /// Toxiproxy's `type`.
    public var typeName: String {
      switch self {
      case .latency: "latency"
      case .resetPeer: "reset_peer"
      case .timeout: "timeout"
      }
    }
  }

  /// Which requests a toxic harms.
  public enum Scope: Sendable, Equatable {
    /// Requests arriving at the sidecar's listener.
    case ingress
    /// Calls through the sidecar's egress to this virtual service.
    case service(String)
  }

  /// The most milliseconds an attribute may hold (one hour).
  public static let maximumMilliseconds = 3_600_000

  public var name: String
  public var kind: Kind
  public var stream: Stream
  public var toxicity: Double
  public var scope: Scope

  public init(
    name: String, kind: Kind, stream: Stream = .downstream, toxicity: Double = 1,
    scope: Scope
  ) {
    self.name = name
    self.kind = kind
    self.stream = stream
    self.toxicity = toxicity
    self.scope = scope
  }

  /// Parses one toxic as `POST /toxics` receives it; errors name the field.
  public init(json: [UInt8]) throws(MeshConfigError) {
    self = try Self.parse(json: json)
  }

  /// The toxic as JSON, in the shape it is read from.
  public func jsonBytes() -> [UInt8] { encoded() }

  private enum TypeName: String, CaseIterable {
    case latency
    case resetPeer = "reset_peer"
    case timeout
  }

  init(_ reader: ConfigReader) throws(MeshConfigError) {
    _ = try reader.members(allowed: [
      "name", "type", "stream", "toxicity", "attributes", "service",
    ])
    let type = try reader.required("type").choice(TypeName.self)
    stream = try reader.optional("stream")?.choice(Stream.self) ?? .downstream
    name = try reader.optional("name")?.name() ?? "\(type.rawValue)_\(stream.rawValue)"
    toxicity = try reader.optional("toxicity")?.double(in: 0...1) ?? 1
    let service = try reader.required("service").name()
    scope = service == "ingress" ? .ingress : .service(service)
    let attributes = try reader.optional("attributes")
    func milliseconds(_ key: String) throws(MeshConfigError) -> Int {
      try attributes?.optional(key)?.int(in: 0...Self.maximumMilliseconds) ?? 0
    }
    switch type {
    case .latency:
      _ = try attributes?.members(allowed: ["latency", "jitter"])
      kind = .latency(latency: try milliseconds("latency"), jitter: try milliseconds("jitter"))
    case .resetPeer:
      _ = try attributes?.members(allowed: ["timeout"])
      kind = .resetPeer(timeout: try milliseconds("timeout"))
    case .timeout:
      _ = try attributes?.members(allowed: ["timeout"])
      kind = .timeout(timeout: try milliseconds("timeout"))
    }
  }

  func write(to json: inout JSONWriter) {
    json.field("name", name)
    json.field("type", kind.typeName)
    json.field("stream", stream.rawValue)
    json.field("toxicity", toxicity)
    json.object("attributes") { attributes in
      switch kind {
      case .latency(let latency, let jitter):
        attributes.field("latency", latency)
        attributes.field("jitter", jitter)
      case .resetPeer(let timeout), .timeout(let timeout):
        attributes.field("timeout", timeout)
      }
    }
    switch scope {
    case .ingress: json.field("service", "ingress")
    case .service(let name): json.field("service", name)
    }
  }

  /// Whether the toxic harms a request to `service` (`nil`: arriving at the listener).
  func applies(to service: Substring?) -> Bool {
    switch scope {
    case .ingress: service == nil
    case .service(let name): service.map { name.equalsIgnoringASCIICase($0) } ?? false
    }
  }
}

import Synchronization
import Wire

/// The mesh document in force for one node's sidecar, and its replacement at run time:
/// `POST /config` with a whole document. The new one is validated and compiled first; an
/// invalid one is answered 400 with the error's field path and the old one stays. Requests
/// in flight keep the routes they started with. Every document is compiled with the same
/// ``HostDiscovery`` (the sidecar's `--app` and `--resolve`), and the network toxics stay in
/// force across replacements (they are held apart from the routes).
public final class ConfigReloader: Sendable {
  public let node: String
  public let discovery: HostDiscovery
  private let current: Mutex<MeshDocument>
  private let proxies: [ProxyServer]

  public init(
    document: MeshDocument, node: String, discovery: HostDiscovery = HostDiscovery(),
    proxies: [ProxyServer]
  ) {
    self.node = node
    self.discovery = discovery
    current = Mutex(document)
    self.proxies = proxies
  }

  /// The document in force, as JSON (`/config_dump`).
  public func configDump() -> [UInt8] { current.withLock { $0.jsonBytes() } }

  /// Parses, validates and compiles `json`, then puts it in force on every proxy.
  public func replace(json: [UInt8]) throws(MeshConfigError) {
    let document = try MeshDocument(json: json)
    let table = try RouteTable(document: document, node: node, discovery: discovery)
    current.withLock { held in
      held = document
      for proxy in proxies { proxy.install(table) }
    }
  }

  /// `POST /config` for the admin listener.
  public var route: Route {
    Route(
      .post, "/config", bodyLimit: MeshDocument.maximumSize,
      .inline { [self] request in
        do throws(MeshConfigError) {
          try replace(json: request.body)
          return HTTPResponse(contentType: "text/plain; charset=utf-8", text: "OK\n")
        } catch {
          return HTTPResponse(
            status: .badRequest, contentType: "text/plain; charset=utf-8",
            text: "\(error.description)\n")
        }
      })
  }
}

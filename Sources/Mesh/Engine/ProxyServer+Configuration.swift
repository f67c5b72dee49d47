import Telemetry
import Wire

extension ProxyServer {
  /// Which side of the sidecar a listener serves (App Mesh's Envoy names its stats so).
  public enum Direction: Sendable {
    /// Traffic to the node's own app: every request takes the route table's ingress route.
    case ingress
    /// Traffic from the app to its backends: the `Host` names the virtual service.
    case egress

    var statPrefix: String { self == .ingress ? "ingress" : "egress" }
  }

  /// Where the proxy listens, how it routes, and its bounds.
  public struct Configuration: Sendable {
    public var listen: SocketAddress
    /// The compiled routes and clusters of the node this sidecar serves.
    public var routes: RouteTable
    public var direction: Direction
    /// Event-loop threads, each with its own listener (`SO_REUSEPORT`) and upstream pools.
    public var threads = 1
    public var limits = HTTPLimits()
    /// Envoy's cluster `connect_timeout` (default 5 s); expiry → 503 `UF`.
    public var connectTimeout: Duration = .seconds(5)
    /// A request head must arrive whole within this time from its first byte; else 408.
    public var headerTimeout: Duration = .seconds(10)
    /// A keep-alive connection with no request in flight is closed after this long.
    public var idleTimeout: Duration = .seconds(300)
    /// Where access-log lines go; `nil` logs nothing.
    public var accessLog: (@Sendable (String) -> Void)?
    /// Where each hop's X-Ray segment goes (`--tracer`); `nil` sends none.
    public var tracer: SegmentEmitter?
    /// The segment name: the virtual node's name.
    public var serviceName = MeshDocument.quickName
    /// Stats to count into (shared by an ingress and an egress proxy); `nil` makes new ones.
    public var stats: ProxyStats?
    /// What `/ready` reports; each of this server's loops tells it when its clusters are warm.
    public var readiness: ProxyReadiness?

    public init(listen: SocketAddress, routes: RouteTable, direction: Direction) {
      self.listen = listen
      self.routes = routes
      self.direction = direction
    }

    /// Sends each hop's X-Ray segment to the daemon at `daemon` (`host:port`, UDP).
    /// - Returns: `false` when the address is not a numeric `host:port`.
    public mutating func sendSegments(to daemon: String) -> Bool {
      guard let emitter = SegmentEmitter(daemonAddress: daemon) else { return false }
      tracer = emitter
      return true
    }

    /// Quick mode: every request to `upstream` (the node `quick` of
    /// ``MeshDocument/quick(listen:upstream:)``). A document cannot say "any port", so port 0
    /// is recorded there as 15000, the port App Mesh's Envoy takes ingress traffic on.
    public init(listen: SocketAddress, upstream: SocketAddress) throws(MeshConfigError) {
      var recorded = listen
      if listen.port == 0 { recorded = SocketAddress(host: listen.host, port: 15000) ?? listen }
      let document = MeshDocument.quick(listen: recorded, upstream: upstream)
      self.init(
        listen: listen, routes: try RouteTable(document: document, node: MeshDocument.quickName),
        direction: .ingress)
    }
  }
}

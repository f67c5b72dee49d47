import Wire

/// How one demo app process runs: who it is, where it listens, what it calls and where its
/// segments go.
public struct AppConfiguration: Sendable {
  public var identity: ServiceIdentity
  public var listen: SocketAddress
  /// The control listener; must be a loopback address.
  public var control: SocketAddress
  /// The token the control endpoint requires (`SIDECARLAB_CONTROL_TOKEN`).
  public var controlToken: String
  /// Where swan reaches unicorn: unicorn itself, or its own sidecar proxy's egress listener.
  public var upstream: SocketAddress?
  /// The `Host` swan sends upstream: the virtual service name its sidecar routes by (App Mesh's
  /// egress picks the route from the authority, e.g. `unicorn.demo.local`); `nil` sends the
  /// upstream address.
  public var upstreamHost: String?
  /// How long swan waits for unicorn's whole answer before answering 504 (FORMATS.md: 15 s, as Envoy).
  public var upstreamTimeout: Duration = .seconds(15)
  /// The X-Ray daemon as `AWS_XRAY_DAEMON_ADDRESS` names it (`host:port` or
  /// `tcp:host:port udp:host:port`); `nil` sends no segments.
  public var daemon: String?
  /// The container name reported in segments' `aws.ecs.container` (`ECS_CONTAINER_NAME`).
  public var containerName: String?

  public init(
    identity: ServiceIdentity, listen: SocketAddress, control: SocketAddress, controlToken: String,
    upstream: SocketAddress? = nil
  ) {
    self.identity = identity
    self.listen = listen
    self.control = control
    self.controlToken = controlToken
    self.upstream = upstream
  }
}

import Wire

/// What the proxy knows about one finished request, for one access log line
/// (the inputs of Envoy's access log command operators).
public struct AccessLogEntry: Sendable {
  /// When the first byte of the request arrived: nanoseconds since the Unix epoch (`%START_TIME%`).
  public var startTime: UInt64
  /// The downstream request head as received (`%REQ(…)%`, `%PROTOCOL%`).
  public var request: HTTPRequestHead
  /// `%RESPONSE_CODE%`; 0 when no response was sent.
  public var responseCode: Int
  public var flags: ResponseFlags
  /// Body bytes received from downstream and sent downstream.
  public var bytesReceived: UInt64
  public var bytesSent: UInt64
  /// Milliseconds from the first request byte to the last response byte (`%DURATION%`).
  public var durationMillis: UInt64
  /// `x-envoy-upstream-service-time`, milliseconds, when an upstream answered.
  public var upstreamServiceTimeMillis: UInt64?
  /// `%UPSTREAM_HOST%` (`127.0.0.1:8080`), `%UPSTREAM_CLUSTER%`, `%ROUTE_NAME%`.
  public var upstreamHost: String?
  public var upstreamCluster: String?
  public var routeName: String?
  /// `%DOWNSTREAM_REMOTE_ADDRESS%`.
  public var downstreamRemoteAddress: String?
  /// Response headers other than the upstream service time, for `%RESP(…)%`.
  public var responseHeaders: HTTPHeaders

  public init(
    startTime: UInt64, request: HTTPRequestHead, responseCode: Int, flags: ResponseFlags = [],
    bytesReceived: UInt64 = 0, bytesSent: UInt64 = 0, durationMillis: UInt64 = 0,
    upstreamServiceTimeMillis: UInt64? = nil, upstreamHost: String? = nil,
    upstreamCluster: String? = nil, routeName: String? = nil,
    downstreamRemoteAddress: String? = nil,
    responseHeaders: HTTPHeaders = [:]
  ) {
    self.startTime = startTime
    self.request = request
    self.responseCode = responseCode
    self.flags = flags
    self.bytesReceived = bytesReceived
    self.bytesSent = bytesSent
    self.durationMillis = durationMillis
    self.upstreamServiceTimeMillis = upstreamServiceTimeMillis
    self.upstreamHost = upstreamHost
    self.upstreamCluster = upstreamCluster
    self.routeName = routeName
    self.downstreamRemoteAddress = downstreamRemoteAddress
    self.responseHeaders = responseHeaders
  }
}

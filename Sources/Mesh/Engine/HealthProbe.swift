import Wire

/// One active health check in flight (Envoy's HTTP health checker): a fresh connection to a
/// host, `GET <path>` once connected, the response's status line read, then closed. A TCP
/// check passes as soon as the connection is made.
final class HealthProbe {
  let descriptor: Int32
  let token: UInt64
  let cluster: UpstreamCluster
  let host: UpstreamHost
  /// `nil` for a TCP check.
  let path: String?
  var connected: Bool
  var isClosed = false
  /// The check fails if no answer came by then.
  var deadline: UInt64
  var received: [UInt8] = []
  var parser = HTTPResponseParser()

  init(
    descriptor: Int32, token: UInt64, cluster: UpstreamCluster, host: UpstreamHost,
    path: String?, connected: Bool, deadline: UInt64
  ) {
    self.descriptor = descriptor
    self.token = token
    self.cluster = cluster
    self.host = host
    self.path = path
    self.connected = connected
    self.deadline = deadline
  }
}

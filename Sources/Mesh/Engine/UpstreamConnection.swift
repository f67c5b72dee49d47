import Wire

/// One connection from a loop to an upstream host. Registered with epoll once, for its whole
/// life (edge-triggered, in and out), whether busy or idle in the host's pool.
final class UpstreamConnection {
  enum Phase {
    /// In the pool, or connecting/sending before any response byte.
    case idle
    /// Reading a response head.
    case head
    /// Forwarding a response body.
    case body
  }

  let descriptor: Int32
  let token: UInt64
  let host: UpstreamHost
  /// The cluster whose connection limit this connection counts against.
  let cluster: UpstreamCluster
  var connected: Bool
  var isClosed = false
  var phase = Phase.idle
  var input: ByteBuffer?
  var parser = HTTPResponseParser()
  var responseBody = BodyProgress(.none)
  /// The response is sent decoded (an HTTP/1.0 client cannot take chunks).
  var dechunk = false
  /// The last response allows another request on this connection (RFC 9112 §9.3).
  var keepAlive = true
  var output = OutputQueue()
  /// The downstream connection this one serves, while busy.
  var downstream: DownstreamConnection?
  /// Reading stopped because the downstream could not take more.
  var inputStalled = false
  /// epoll reported the peer's end of stream (or an error): read on until the read says so,
  /// since no further edge will come.
  var peerClosed = false
  /// The connect timeout, while connecting; 0 for none.
  var deadline: UInt64 = 0

  init(
    descriptor: Int32, token: UInt64, host: UpstreamHost, cluster: UpstreamCluster,
    connected: Bool
  ) {
    self.descriptor = descriptor
    self.token = token
    self.host = host
    self.cluster = cluster
    self.connected = connected
  }
}

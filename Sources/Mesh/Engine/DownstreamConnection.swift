import Wire

/// One client connection to a listener, owned by its loop.
final class DownstreamConnection {
  enum Phase {
    /// Waiting for (or reading) a request head.
    case head
    /// Forwarding the request body.
    case body
    /// The request is sent; waiting for the response to end.
    case waiting
    /// Closing once the output drains; input is ignored.
    case closing
  }

  let descriptor: Int32
  let token: UInt64
  /// The peer's numeric address, for `x-forwarded-for`.
  let clientAddress: String
  var isClosed = false
  var phase = Phase.head
  var input: ByteBuffer?
  var parser: HTTPRequestParser
  /// The current exchange's request head (storage kept from one request to the next).
  var request = RequestHead()
  var requestBody = BodyProgress(.none)
  var output = OutputQueue()
  var exchange: Exchange?
  var upstream: UpstreamConnection?
  /// Reading stopped (buffer full, or the upstream could not take more); resume when possible.
  var inputStalled = false
  /// epoll reported the peer's end of stream (or an error): read on until the read says so,
  /// since no further edge will come.
  var peerClosed = false
  /// The request id of the current exchange (reused storage; a retry sends it again).
  var requestID: [UInt8] = []
  /// Idle, header, body or route deadline, by phase; 0 for none.
  var deadline: UInt64 = 0
  /// Waiting in this cluster's queue for a connection (circuit breaker `max_connections`).
  var waitingIn: UpstreamCluster?
  /// When the next retry (or the fault filter's delayed request) goes out (after Envoy's jittered back-off); 0 for none.
  var retryAt: UInt64 = 0
  /// When a network toxic's hold of the request or the response ends; 0 for none.
  var toxicAt: UInt64 = 0
  /// Whether a request head has begun arriving (its header timeout is armed).
  var headStarted = false

  init(
    descriptor: Int32, token: UInt64, clientAddress: String, limits: HTTPLimits
  ) {
    self.descriptor = descriptor
    self.token = token
    self.clientAddress = clientAddress
    parser = HTTPRequestParser(limits: limits)
  }
}

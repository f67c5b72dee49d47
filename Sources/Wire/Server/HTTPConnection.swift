/// One client connection's protocol state (RFC 9112): reading a head, reading a body,
/// waiting for a handler, streaming a response. Owned by one loop thread; never shared.
///
/// Requests on a connection are answered strictly in order: while a response is pending
/// (an async handler or a stream), pipelined bytes wait in `input` and are parsed after.
final class HTTPConnection {
  enum State {
    /// Waiting for (more of) a request head.
    case head
    /// Reading a body of known length; `remaining` bytes still to come.
    case body(remaining: Int)
    /// Reading a chunked body.
    case chunked(ChunkedDecoder)
    /// A handler is running on the concurrency pool.
    case waiting
    /// A streaming response is being written: chunked (HTTP/1.1) or close-delimited (HTTP/1.0).
    case streaming(StreamWriter, chunked: Bool, keepAlive: Bool)
    /// The last response is queued; close once it is written.
    case closing
    /// Our side is shut; draining what the peer still sends until it closes or time runs out.
    case lingering(since: UInt64)
    /// Closed and forgotten by the loop.
    case closed
  }

  /// The request being read: its head, route and body so far.
  struct PendingRequest {
    var head: HTTPRequestHead
    var route: Route?
    var parameters: [String: String]
    var routingError: HTTPError?
    /// For a 405: the methods the path does allow (sent as `Allow`, RFC 9110 §10.2.1).
    var allowedMethods: [HTTPMethod] = []
    var body: [UInt8]
  }

  /// What answering the current request needs once its head and body went to the handler.
  struct ResponsePlan {
    var isHeadRequest: Bool
    var minorVersion: Int
    var keepAlive: Bool
    /// When the request's head completed, for the latency histogram.
    var startedAt: UInt64
  }

  let id: UInt64
  let descriptor: Int32
  let remoteAddress: SocketAddress?
  var state = State.head
  var parser: HTTPRequestParser
  var pending: PendingRequest?
  var plan: ResponsePlan?

  var input: [UInt8] = []
  var inputStart = 0
  var output: [UInt8] = []
  var outputStart = 0
  /// The epoll events the connection is registered for.
  var interest: UInt32 = 0
  /// The peer shut its side; answer what was received, then close.
  var inputClosed = false

  /// When the head being read got its first byte (0 = none yet), for the header timeout.
  var headStartedAt: UInt64 = 0
  /// Last time bytes moved in either direction, for the idle, body and write timeouts.
  var lastActivity: UInt64

  init(
    id: UInt64, descriptor: Int32, remoteAddress: SocketAddress?, limits: HTTPLimits, now: UInt64
  ) {
    self.id = id
    self.descriptor = descriptor
    self.remoteAddress = remoteAddress
    self.parser = HTTPRequestParser(limits: limits)
    self.lastActivity = now
  }

  var bufferedInput: Int { input.count - inputStart }
  var hasPendingOutput: Bool { outputStart < output.count }

  /// Whether the connection sits between requests with nothing in flight.
  var isIdle: Bool {
    if case .head = state, bufferedInput == 0, !hasPendingOutput, pending == nil, plan == nil {
      return true
    }
    return false
  }

  func consumeInput(_ count: Int) {
    inputStart += count
    if inputStart == input.count {
      input.removeAll(keepingCapacity: true)
      inputStart = 0
    } else if inputStart > 64 * 1024 && inputStart * 2 > input.count {
      input.removeFirst(inputStart)
      inputStart = 0
    }
  }

  func consumeOutput(_ count: Int) {
    outputStart += count
    if outputStart == output.count {
      output.removeAll(keepingCapacity: output.capacity <= 256 * 1024)
      outputStart = 0
    }
  }
}

import Glibc

extension HTTPServer {
  /// How a server listens, bounds its clients and reports errors.
  public struct Configuration: Sendable {
    public var address: SocketAddress
    /// Event-loop threads; one per core by default.
    public var loops: Int
    public var backlog: Int32 = 1024
    public var limits = HTTPLimits()
    /// A request head must arrive whole within this time from its first byte (slowloris).
    public var headerTimeout: Duration = .seconds(10)
    /// A keep-alive connection with nothing in flight is closed after this long.
    public var idleTimeout: Duration = .seconds(60)
    /// A body that stops arriving for this long is answered 408.
    public var bodyTimeout: Duration = .seconds(30)
    /// A client that takes no bytes of its response for this long is dropped.
    public var writeTimeout: Duration = .seconds(30)
    public var maxConnections = 10_000
    /// Bytes a streaming response may have queued for a slow client before it is dropped.
    public var maxStreamBacklog = 1024 * 1024
    /// Fields every response carries, whatever produced it (handlers, errors the server
    /// raises, `/metrics`), such as security headers. A handler's own field of the same
    /// name is dropped. Serialized once at start.
    public var fixedHeaders: HTTPHeaders = [:]
    /// Where the server's own metrics are served; `nil` serves none.
    public var metricsPath: String? = "/metrics"
    /// Builds the response for an error the server or a handler raised; `head` is `nil`
    /// when the request could not be parsed.
    public var errorPage: @Sendable (HTTPRequestHead?, HTTPError) -> HTTPResponse = Configuration
      .plainErrorPage
    /// One line of the server's log (to stderr by default).
    public var log: @Sendable (String) -> Void = { line in logToStandardError(line) }

    public init(address: SocketAddress, loops: Int = Configuration.processorCount) {
      self.address = address
      self.loops = loops
    }

    /// The error as `text/plain`: its status and message.
    public static let plainErrorPage: @Sendable (HTTPRequestHead?, HTTPError) -> HTTPResponse = {
      _, error in
      HTTPResponse(
        status: error.status, contentType: "text/plain; charset=utf-8",
        text: "\(error.status.code) \(error.message)\n")
    }

    public static var processorCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
  }
}

/// Writes one line to standard error with a single `write`, so lines from threads never interleave.
public func logToStandardError(_ line: String) {
  var bytes = Array(line.utf8)
  bytes.append(10)
  bytes.withUnsafeBytes { _ = write(2, $0.baseAddress, $0.count) }
}

extension HTTPClient {
  /// Deadlines, pool bounds and limits for an ``HTTPClient``.
  public struct Configuration: Sendable {
    /// How long establishing a TCP connection may take.
    public var connectTimeout: Duration = .seconds(5)
    /// How long writing the request and reading the whole response may take.
    public var responseTimeout: Duration = .seconds(30)
    /// Most idle keep-alive connections kept per address; more are closed.
    public var maxIdleConnectionsPerHost = 16
    /// Idle connections older than this are closed instead of reused.
    public var idleTimeout: Duration = .seconds(60)
    /// Bounds on the response head (status line, header bytes and count) and chunk lines.
    public var limits = HTTPLimits()
    /// Largest response body accepted; larger → ``HTTPClientError/bodyTooLarge``.
    public var maxResponseBody = 64 * 1024 * 1024

    public init() {}
  }
}

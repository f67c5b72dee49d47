/// What runs for a matched route.
public enum RouteHandler: Sendable {
  /// Runs on the connection's event-loop thread: only for work that never blocks
  /// (answers from memory, such as cached static files, health and metrics).
  case inline(@Sendable (HTTPRequest) throws -> HTTPResponse)
  /// Runs as a task on Swift's concurrency pool: anything that touches the database,
  /// hashes passwords or waits on I/O.
  case task(@Sendable (HTTPRequest) async throws -> HTTPResponse)
}

/// One route: a method, a path pattern, the largest body it accepts and its handler.
///
/// Patterns are literal segments, `:name` for one segment (bound into
/// ``HTTPRequest/pathParameters``) and a final `*` for the rest of the path (bound as `*`).
public struct Route: Sendable {
  public let method: HTTPMethod
  public let pattern: String
  public let bodyLimit: Int
  public let handler: RouteHandler

  public init(
    _ method: HTTPMethod, _ pattern: String, bodyLimit: Int = HTTPLimits().maxBody,
    _ handler: RouteHandler
  ) {
    self.method = method
    self.pattern = pattern
    self.bodyLimit = bodyLimit
    self.handler = handler
  }

  var segments: [Substring] { pattern.split(separator: "/", omittingEmptySubsequences: true) }
}

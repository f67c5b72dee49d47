/// What every loop of one server shares: its routes, limits, timeouts and error page.
struct ServerCore: Sendable {
  let router: Router
  let limits: HTTPLimits
  let headerTimeout: UInt64
  let idleTimeout: UInt64
  let bodyTimeout: UInt64
  let writeTimeout: UInt64
  let maxConnectionsPerLoop: Int
  let maxStreamBacklog: Int
  let errorPage: @Sendable (HTTPRequestHead?, HTTPError) -> HTTPResponse
  let log: @Sendable (String) -> Void
}

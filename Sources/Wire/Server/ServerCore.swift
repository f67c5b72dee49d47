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
  /// The configuration's fixed headers, serialized once; every response ends its head with them.
  let fixedFields: [UInt8]
  /// Their names: a handler's own field of one of these names is dropped.
  let fixedNames: [String]
  let errorPage: @Sendable (HTTPRequestHead?, HTTPError) -> HTTPResponse
  let log: @Sendable (String) -> Void
}

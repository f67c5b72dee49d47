/// One piece of an Envoy access log format string: literal text or a command operator
/// (envoy docs, "Access logging — Command operators").
enum AccessLogOperator: Sendable, Equatable {
  case literal([UInt8])
  /// `%START_TIME%`, printed as Envoy's default `%Y-%m-%dT%H:%M:%E3SZ`.
  case startTime
  /// `%REQ(NAME?ALTERNATIVE):MAX%`: a request header (or pseudo-header `:method`, `:path`,
  /// `:authority`, `:scheme`), falling back to the alternative, cut to `MAX` bytes.
  case requestHeader(name: String, alternative: String?, maxLength: Int?)
  /// `%RESP(NAME):MAX%`.
  case responseHeader(name: String, maxLength: Int?)
  case protocolName
  case responseCode
  case responseFlags
  case bytesReceived
  case bytesSent
  case duration
  case upstreamHost
  case upstreamCluster
  case routeName
  case downstreamRemoteAddress

  /// Operators without arguments, by the name written between the `%` signs.
  static let plain: [String: AccessLogOperator] = [
    "START_TIME": .startTime, "PROTOCOL": .protocolName, "RESPONSE_CODE": .responseCode,
    "RESPONSE_FLAGS": .responseFlags, "BYTES_RECEIVED": .bytesReceived, "BYTES_SENT": .bytesSent,
    "DURATION": .duration, "UPSTREAM_HOST": .upstreamHost, "UPSTREAM_CLUSTER": .upstreamCluster,
    "ROUTE_NAME": .routeName, "DOWNSTREAM_REMOTE_ADDRESS": .downstreamRemoteAddress,
  ]

  /// Whether the operator prints a number (a JSON log writes those unquoted, as Envoy does).
  var isNumeric: Bool {
    switch self {
    case .responseCode, .bytesReceived, .bytesSent, .duration: true
    default: false
    }
  }
}

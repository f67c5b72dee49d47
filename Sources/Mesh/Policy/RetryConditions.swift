import Wire

/// The conditions a retry policy retries on, as Envoy names them in `retry_on` and in the
/// `x-envoy-retry-on` header (envoy docs, "x-envoy-retry-on"; FORMATS.md).
public struct RetryConditions: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// `5xx` (App Mesh `server-error`): any 5xx, or no response at all.
  public static let serverError = RetryConditions(rawValue: 1 << 0)
  /// `gateway-error`: 502, 503, 504, or no response at all.
  public static let gatewayError = RetryConditions(rawValue: 1 << 1)
  /// `retriable-4xx` (App Mesh `client-error`): 409.
  public static let clientError = RetryConditions(rawValue: 1 << 2)
  /// `reset` (App Mesh `stream-error`): disconnect, reset or read timeout.
  public static let reset = RetryConditions(rawValue: 1 << 3)
  /// `connect-failure` (App Mesh `connection-error`).
  public static let connectFailure = RetryConditions(rawValue: 1 << 4)

  /// Envoy's names, for the `x-envoy-retry-on` header.
  static let envoyNames: [(name: String, condition: RetryConditions)] = [
    ("5xx", .serverError), ("gateway-error", .gatewayError), ("retriable-4xx", .clientError),
    ("reset", .reset), ("connect-failure", .connectFailure),
  ]

  init(_ event: RetryEvent) {
    switch event {
    case .serverError: self = .serverError
    case .gatewayError: self = .gatewayError
    case .clientError: self = .clientError
    case .streamError: self = .reset
    case .connectionError: self = .connectFailure
    }
  }

  /// The conditions of an `x-envoy-retry-on` value (`5xx,connect-failure`); unknown names are ignored, as Envoy does.
  init(envoyList: String) {
    self = []
    for item in envoyList.split(separator: ",") {
      let name = item.trimmingASCIISpaces()
      for known in Self.envoyNames where known.name == name { insert(known.condition) }
    }
  }
}

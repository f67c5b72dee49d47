/// App Mesh's retry events and the Envoy `retry_on` conditions they stand for (FORMATS.md).
public enum RetryEvent: String, Sendable, CaseIterable {
  /// `httpRetryEvents`: any 5xx, or no response at all (Envoy `5xx`).
  case serverError = "server-error"
  /// `httpRetryEvents`: 502, 503 or 504 (Envoy `gateway-error`).
  case gatewayError = "gateway-error"
  /// `httpRetryEvents`: 409 (Envoy `retriable-4xx`).
  case clientError = "client-error"
  /// `httpRetryEvents`: the upstream reset the stream (Envoy `reset`).
  case streamError = "stream-error"
  /// `tcpRetryEvents`: the connection could not be made (Envoy `connect-failure`).
  case connectionError = "connection-error"

  static let httpEvents: [RetryEvent] = [.serverError, .gatewayError, .clientError, .streamError]
}

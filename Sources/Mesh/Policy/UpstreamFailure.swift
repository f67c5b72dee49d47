/// Why a try got no response: the causes a retry policy looks at besides status codes.
public enum UpstreamFailure: Sendable, Equatable {
  /// The connection could not be made (refused, unreachable, connect timeout) — Envoy `UF`.
  case connectFailure
  /// The connection was reset or closed before a whole response head arrived — Envoy `UR`/`UC`.
  case reset
  /// The try's own deadline passed (App Mesh `perRetryTimeout`, Envoy `per_try_timeout`).
  case perTryTimeout
  /// A circuit breaker was open — never retried (Envoy `UO`).
  case overflow
}

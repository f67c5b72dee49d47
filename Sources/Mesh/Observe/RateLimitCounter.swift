/// The local rate limit filter's counters, under `http_local_rate_limit.` (Envoy
/// `<stat_prefix>.http_local_rate_limit.*` with an empty stat prefix).
public enum RateLimitCounter: Int, Sendable, CaseIterable {
  case enabled, enforced, rateLimited, ok

  public var name: String {
    switch self {
    case .enabled: "enabled"
    case .enforced: "enforced"
    case .rateLimited: "rate_limited"
    case .ok: "ok"
    }
  }
}

/// A cluster's counters, named as Envoy names them under `cluster.<name>.` (FORMATS.md "Stats").
public enum ClusterCounter: Int, Sendable, CaseIterable {
  case upstreamConnectionsTotal, upstreamConnectFailures, upstreamConnectionOverflows
  case upstreamRequestsTotal, upstreamRequestTimeouts, upstreamPerTryTimeouts
  case upstreamRetries, upstreamRetrySuccesses, upstreamRetryOverflows
  case upstreamPendingOverflows, upstreamPendingTotal, upstreamResetsReceived
  case ejectionsEnforcedTotal, ejectionsOverflow
  case healthCheckAttempts, healthCheckSuccesses, healthCheckFailures

  public var name: String {
    switch self {
    case .upstreamConnectionsTotal: "upstream_cx_total"
    case .upstreamConnectFailures: "upstream_cx_connect_fail"
    case .upstreamConnectionOverflows: "upstream_cx_overflow"
    case .upstreamRequestsTotal: "upstream_rq_total"
    case .upstreamRequestTimeouts: "upstream_rq_timeout"
    case .upstreamPerTryTimeouts: "upstream_rq_per_try_timeout"
    case .upstreamRetries: "upstream_rq_retry"
    case .upstreamRetrySuccesses: "upstream_rq_retry_success"
    case .upstreamRetryOverflows: "upstream_rq_retry_overflow"
    case .upstreamPendingOverflows: "upstream_rq_pending_overflow"
    case .upstreamPendingTotal: "upstream_rq_pending_total"
    case .upstreamResetsReceived: "upstream_rq_rx_reset"
    case .ejectionsEnforcedTotal: "outlier_detection.ejections_enforced_total"
    case .ejectionsOverflow: "outlier_detection.ejections_overflow"
    case .healthCheckAttempts: "health_check.attempt"
    case .healthCheckSuccesses: "health_check.success"
    case .healthCheckFailures: "health_check.failure"
    }
  }
}

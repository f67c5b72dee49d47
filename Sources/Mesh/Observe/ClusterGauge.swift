/// A cluster's gauges under `cluster.<name>.`.
public enum ClusterGauge: Int, Sendable, CaseIterable {
  case upstreamConnectionsActive, upstreamRequestsActive, upstreamPendingActive
  case ejectionsActive, membershipHealthy

  public var name: String {
    switch self {
    case .upstreamConnectionsActive: "upstream_cx_active"
    case .upstreamRequestsActive: "upstream_rq_active"
    case .upstreamPendingActive: "upstream_rq_pending_active"
    case .ejectionsActive: "outlier_detection.ejections_active"
    case .membershipHealthy: "membership_healthy"
    }
  }
}

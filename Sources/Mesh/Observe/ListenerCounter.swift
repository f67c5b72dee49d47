/// An HTTP connection manager's counters under `http.<prefix>.` (Envoy's `ingress` and
/// `egress` prefixes in App Mesh), including its router's and fault filter's.
public enum ListenerCounter: Int, Sendable, CaseIterable {
  case downstreamConnectionsTotal, downstreamRequestsTotal, downstreamRequestTimeouts
  case downstreamIdleTimeouts, downstreamRequestIdleTimeouts, downstreamResetsReceived
  case routedRequests, noRoute
  case faultAbortsInjected, faultDelaysInjected

  public var name: String {
    switch self {
    case .downstreamConnectionsTotal: "downstream_cx_total"
    case .downstreamRequestsTotal: "downstream_rq_total"
    case .downstreamRequestTimeouts: "downstream_rq_timeout"
    case .downstreamIdleTimeouts: "downstream_cx_idle_timeout"
    case .downstreamRequestIdleTimeouts: "downstream_rq_idle_timeout"
    case .downstreamResetsReceived: "downstream_rq_rx_reset"
    case .routedRequests: "rq_total"
    case .noRoute: "no_route"
    case .faultAbortsInjected: "fault.aborts_injected"
    case .faultDelaysInjected: "fault.delays_injected"
    }
  }
}

/// An HTTP connection manager's gauges under `http.<prefix>.`.
public enum ListenerGauge: Int, Sendable, CaseIterable {
  case downstreamConnectionsActive, downstreamRequestsActive

  public var name: String {
    switch self {
    case .downstreamConnectionsActive: "downstream_cx_active"
    case .downstreamRequestsActive: "downstream_rq_active"
    }
  }
}

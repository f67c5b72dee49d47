import Wire

extension WebApp {
  /// The learner's metrics (issue 9 items 2–4): the agent's API proxied for their own sandbox,
  /// the dashboard with its live refresh, and the alarm forms. No parameter names a learner:
  /// each reads the caller's own sandbox (`learner-<id>`).
  func metricsRoutes() -> [Route] {
    metricsAPIRoutes() + dashboardRoutes()
  }

  /// The learner's metrics agent; counts as activity on their sandbox.
  /// - Throws: 503 without sandboxes or agent, 409 when the sandbox is not running.
  func metricsAgent(learnerID: Int64) throws -> MetricsAgentClient {
    try MetricsAgentClient.locate(in: enabledSandboxes().status(learnerID: learnerID))
  }
}

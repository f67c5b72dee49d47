import Wire

/// Fluent Bit's monitoring endpoints (`HTTP_Server On`): `GET /api/v1/metrics` (JSON),
/// `GET /api/v1/metrics/prometheus` (text format 0.0.4) and `GET /api/v1/health` (`ok`).
enum MonitoringRoutes {
  static func routes(_ metrics: RouterMetrics) -> [Route] {
    [
      Route(
        .get, "/api/v1/metrics",
        .inline { _ in HTTPResponse(contentType: "application/json", text: metrics.json()) }),
      Route(
        .get, "/api/v1/metrics/prometheus",
        .inline { _ in
          HTTPResponse(contentType: "text/plain; version=0.0.4", text: metrics.prometheus())
        }),
      Route(
        .get, "/api/v1/health",
        .inline { _ in HTTPResponse(contentType: "text/plain", text: "ok\n") }),
    ]
  }
}

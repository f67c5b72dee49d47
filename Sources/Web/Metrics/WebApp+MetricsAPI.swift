import Foundation
import Wire

extension WebApp {
  /// Largest alarm definition a learner may send (as the agent takes).
  static let alarmBodyLimit = 64 * 1024

  /// The agent's API (`Metrics.MetricsAPI`) for the caller's own sandbox, with its parameters
  /// and JSON unchanged:
  ///
  /// - `GET /api/v1/metrics/query?name=&labels=&stat=&start=&end=&step=`
  /// - `GET /api/v1/metrics/prometheus`: the sandbox in Prometheus text format 0.0.4, so a
  ///   user's own Prometheus can scrape it with `authorization: {credentials: <token>}`
  /// - `GET /api/v1/alarms`, `GET|PUT|DELETE /api/v1/alarms/NAME`,
  ///   `GET /api/v1/alarms/NAME/history`
  ///
  /// Bearer token, or session cookie (with a same-origin `Origin`/`Referer` for `PUT` and
  /// `DELETE`); 401 without a session, 403 for instructors, 409 when the sandbox is not
  /// running, 503 when its agent is not; the agent's own refusals keep their status, as
  /// `{"error": …}`.
  func metricsAPIRoutes() -> [Route] {
    func forward(
      _ method: HTTPMethod, _ pattern: String, bodyLimit: Int = Self.formBodyLimit,
      to target: @escaping @Sendable (HTTPRequest) -> String
    ) -> Route {
      Route(
        method, pattern, bodyLimit: bodyLimit,
        .task { [self] in try await proxyToMetricsAgent($0, target: target($0)) })
    }
    let alarm: @Sendable (HTTPRequest) -> String = {
      "/api/v1/alarms/" + ($0.pathParameters["name"] ?? "")
    }
    return [
      forward(.get, "/api/v1/metrics/query") {
        "/api/v1/metrics/query" + ($0.query.map { "?" + $0 } ?? "")
      },
      forward(.get, "/api/v1/metrics/prometheus") { _ in "/metrics" },
      forward(.get, "/api/v1/alarms") { _ in "/api/v1/alarms" },
      forward(.get, "/api/v1/alarms/:name", to: alarm),
      forward(.put, "/api/v1/alarms/:name", bodyLimit: Self.alarmBodyLimit, to: alarm),
      forward(.delete, "/api/v1/alarms/:name", to: alarm),
      forward(.get, "/api/v1/alarms/:name/history") { alarm($0) + "/history" },
    ]
  }

  /// Sends the request on to the caller's agent at `target` and answers what it answered
  /// (errors as this API's `{"error": …}`), never cached.
  func proxyToMetricsAgent(_ request: HTTPRequest, target: String) async throws -> HTTPResponse {
    let visitor = try learnerAPIVisitor(request, feature: "metrics", origin: .ownPagesForChanges)
    let agent = try metricsAgent(learnerID: visitor.account.id)
    let (method, body) = (request.method, request.body)
    let answer = try await BlockingWork.run { try agent.send(method, target, body: body) }
    guard answer.status.code < 400 else {
      let refusal = MetricsAgentClient.refusal(answer)
      return .jsonError(refusal.status, refusal.message)
    }
    var response = HTTPResponse(
      status: HTTPStatus(answer.status.code), headers: ["Cache-Control": "no-store"],
      body: .bytes(answer.body))
    if let type = answer.headers["Content-Type"] { response.headers.set("Content-Type", type) }
    return response
  }
}

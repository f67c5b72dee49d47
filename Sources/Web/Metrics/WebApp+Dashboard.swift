import Foundation
import Wire

extension WebApp {
  /// The dashboard page, its live refresh and the alarm forms (learners). Each form is
  /// Origin- and CSRF-checked and answers 303 back to the dashboard; a refused form shows the
  /// page again with the reason (beside the field it concerns) and the refusal's status.
  func dashboardRoutes() -> [Route] {
    [
      Route(.get, "/dashboard", .task { [self] in try await dashboardPage($0) }),
      Route(.get, "/dashboard/events", .task { [self] in try dashboardEvents($0) }),
      Route(
        .post, "/dashboard/alarms", bodyLimit: Self.formBodyLimit,
        .task { [self] in try await alarmCreated($0) }),
      Route(
        .post, "/dashboard/alarms/delete", bodyLimit: Self.formBodyLimit,
        .task { [self] in try await alarmDeleted($0) }),
    ]
  }

  /// `GET /dashboard?range=5m|15m|1h|6h|24h`: anonymous visitors go home, instructors get
  /// 403, an unknown range 400.
  func dashboardPage(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The dashboard shows a learner's own sandbox.")
    }
    let range = try DashboardRange(query: request.query, now: dashboardNow)
    return try await renderDashboard(
      visitor, range: range, form: AlarmForm(), message: nil, status: .ok)
  }

  /// `GET /dashboard/events?range=…`: an event stream (HTML Living Standard §9.2) of fresh
  /// charts and alarm states (``DashboardStream``). Reading it is not sandbox activity, so an
  /// open tab does not keep an idle sandbox alive.
  func dashboardEvents(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The dashboard shows a learner's own sandbox.")
    }
    let preset = try DashboardRange(query: request.query, now: dashboardNow).preset
    let stream = DashboardStream(
      preset: preset, learnerID: visitor.account.id, sandboxes: try enabledSandboxes(),
      clock: configuration.clock)
    return ServerSentEvent.stream { writer in await stream.run(to: writer) }
  }

  /// `POST /dashboard/alarms`: creates (or replaces) the alarm the form describes.
  func alarmCreated(_ request: HTTPRequest) async throws -> HTTPResponse {
    try await alarmForm(request) { visitor, posted, range in
      var form = AlarmForm(posted)
      guard let definition = form.definition() else {
        return try await renderDashboard(
          visitor, range: range, form: form,
          message: "The alarm was not created: see the fields marked below.",
          status: .badRequest)
      }
      let agent = try metricsAgent(learnerID: visitor.account.id)
      let answer = try await BlockingWork.run {
        try agent.send(.put, "/api/v1/alarms/\(definition.alarmName)", body: definition.json)
      }
      guard answer.status.code < 300 else { throw MetricsAgentClient.refusal(answer) }
      return nil
    }
  }

  /// `POST /dashboard/alarms/delete` with `name`: deletes that alarm of the learner's.
  func alarmDeleted(_ request: HTTPRequest) async throws -> HTTPResponse {
    try await alarmForm(request) { visitor, posted, _ in
      let name = posted["name"] ?? ""
      guard !name.isEmpty, !name.contains("/"), !name.contains("?"), name.utf8.count <= 255 else {
        throw HTTPError(.notFound, "no alarm named '\(name)'")
      }
      let agent = try metricsAgent(learnerID: visitor.account.id)
      let answer = try await BlockingWork.run { try agent.send(.delete, "/api/v1/alarms/\(name)") }
      guard answer.status.code < 300 else { throw MetricsAgentClient.refusal(answer) }
      return nil
    }
  }

  /// Runs an alarm form's `action` for the signed-in learner after the Origin and CSRF
  /// checks: its own response, or 303 to the dashboard when it returns `nil`; a 4xx or 5xx
  /// refusal renders the page with its message and status.
  private func alarmForm(
    _ request: HTTPRequest,
    _ action: (Visitor, FormData, DashboardRange) async throws -> HTTPResponse?
  ) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    let posted = try formPost(request, requireSource: true)
    try CSRF.verify(posted, session: visitor.session)
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "Alarms belong to a learner's own sandbox.")
    }
    let range =
      (try? DashboardRange(name: posted["range"], now: dashboardNow))
      ?? DashboardRange(preset: DashboardRange.defaultPreset, now: dashboardNow)
    do {
      if let response = try await action(visitor, posted, range) { return response }
    } catch let error as HTTPError where error.status.code >= 400 {
      return try await renderDashboard(
        visitor, range: range, form: AlarmForm(posted), message: error.message,
        status: error.status)
    }
    return .seeOther("/dashboard?range=\(range.preset.name)#alarms")
  }

  /// The page for `visitor`; an agent that cannot be asked is said above the charts.
  func renderDashboard(
    _ visitor: Visitor, range: DashboardRange, form: AlarmForm, message: String?,
    status: HTTPStatus
  ) async throws -> HTTPResponse {
    let service = try enabledSandboxes()
    let learnerID = visitor.account.id
    let faults = try service.history.list(learnerID: learnerID)
    let snapshot = try await BlockingWork.run { [self] in
      DashboardSnapshot.take(
        locate: { try metricsAgent(learnerID: learnerID) }, range: range, withHistory: true)
    }
    let page = DashboardPage(
      range: range, charts: DashboardCharts(data: snapshot.data, faults: faults, range: range),
      alarms: snapshot.alarms, form: form, csrf: visitor.session.csrfToken,
      message: message ?? snapshot.problem)
    return .html(
      status,
      Layout.page(
        title: "Metrics", viewer: visitor.viewer, body: page.body, head: DashboardPage.head))
  }

  /// The server's clock, Unix seconds.
  private var dashboardNow: Double { configuration.clock().timeIntervalSince1970 }
}

import Foundation
import Wire

extension WebApp {
  /// The sandbox page and its forms (learners). Each form is CSRF-checked and answers 303
  /// back to `/sandbox`; a refused form shows the page again with the reason.
  func sandboxPageRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    return [
      Route(.get, "/sandbox", .task { [self] in try await sandboxPage($0) }),
      Route(
        .post, "/sandbox/start", bodyLimit: limit,
        .task { [self] request in
          try await sandboxForm(request) { service, learnerID, _ in
            _ = try await startSandbox(service, learnerID: learnerID)
          }
        }),
      Route(
        .post, "/sandbox/stop", bodyLimit: limit,
        .task { [self] request in
          try await sandboxForm(request) { service, learnerID, _ in
            try await stopSandbox(service, learnerID: learnerID)
          }
        }),
      Route(
        .post, "/sandbox/faults", bodyLimit: limit,
        .task { [self] request in
          try await sandboxForm(request) { service, learnerID, form in
            let kindName = form["kind"] ?? ""
            let params = SandboxFaultKind(name: kindName).map { Self.formParams($0, form) } ?? [:]
            _ = try await service.apply(
              learnerID: learnerID, kindName: kindName, target: form["target"] ?? "",
              params: params)
          }
        }),
      Route(
        .post, "/sandbox/faults/:id/end", bodyLimit: limit,
        .task { [self] request in
          try await sandboxForm(request) { service, learnerID, _ in
            guard let faultID = request.pathParameters["id"].flatMap({ Int64($0) }) else {
              throw HTTPError(.notFound, "no open fault with that id")
            }
            try await service.end(learnerID: learnerID, faultID: faultID)
          }
        }),
    ]
  }

  /// `GET /sandbox`: anonymous visitors go home, instructors get 403.
  func sandboxPage(_ request: HTTPRequest) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    return try await renderSandboxPage(visitor, status: .ok, message: nil)
  }

  /// Runs a form's `action` for the signed-in learner after the Origin and CSRF checks, then
  /// 303 to `/sandbox`; a 4xx refusal renders the page with its message and status.
  func sandboxForm(
    _ request: HTTPRequest,
    _ action: (SandboxService, Int64, FormData) async throws -> Void
  ) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    let form = try formPost(request, requireSource: true)
    try CSRF.verify(form, session: visitor.session)
    guard visitor.account.role == .learner else { return forbiddenSandboxPage(visitor) }
    do {
      try await action(try enabledSandboxes(), visitor.account.id, form)
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return try await renderSandboxPage(visitor, status: error.status, message: error.message)
    }
    return .seeOther("/sandbox")
  }

  /// The page for `visitor`, with `message` above it when a form was refused. The mesh
  /// section asks the running sidecars for their stats.
  func renderSandboxPage(_ visitor: Visitor, status: HTTPStatus, message: String?) async throws
    -> HTTPResponse
  {
    guard visitor.account.role == .learner else { return forbiddenSandboxPage(visitor) }
    let service = try enabledSandboxes()
    let learnerID = visitor.account.id
    let sandbox = service.status(learnerID: learnerID, logLines: SandboxPage.outputLines)
    let mesh = sandbox == nil ? nil : await MeshSection.load(service.mesh(learnerID: learnerID))
    let page = SandboxPage(
      status: sandbox, faults: try service.history.list(learnerID: learnerID),
      definition: service.definition, csrf: visitor.session.csrfToken, message: message,
      mesh: mesh?.html)
    return .html(
      status,
      Layout.page(
        title: "Sandbox", viewer: visitor.viewer, body: messageNotice(for: visitor) + page.body,
        head: page.head))
  }

  private func forbiddenSandboxPage(_ visitor: Visitor) -> HTTPResponse {
    let body = "<h1>403 Forbidden</h1>\n" + Layout.message("The sandbox is for learners.")
    return .html(.forbidden, Layout.page(title: "Forbidden", viewer: visitor.viewer, body: body))
  }

  /// A fault form's parameters: integers where the field holds one, else the text as sent
  /// (the app or agent then names the field that is wrong); empty fields are left out.
  static func formParams(_ kind: SandboxFaultKind, _ form: FormData) -> [String: Any] {
    var params: [String: Any] = [:]
    for name in kind.parameterNames {
      guard let text = form[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
        continue
      }
      params[name] = Int(text) ?? text
    }
    return params
  }
}

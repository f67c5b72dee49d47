import Mesh
import Wire

extension WebApp {
  /// The mesh page and its forms (learners). Each form is Origin- and CSRF-checked, validated
  /// with the whole document, saved and pushed; then 303 back to `/mesh`, where the sidecars'
  /// answers show once. A refused form comes back 400 with each problem beside its field.
  func meshPageRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    return [
      Route(.get, "/mesh", .task { [self] in try meshPage($0) }),
      Route(
        .post, "/mesh/routes/:router/:route", bodyLimit: limit,
        .task { [self] request in
          try await meshForm(request) { document, form in
            try Self.editRoute(
              &document, router: request.pathParameters["router"] ?? "",
              route: request.pathParameters["route"] ?? "", form: form)
          }
        }),
      Route(
        .post, "/mesh/nodes/:node", bodyLimit: limit,
        .task { [self] request in
          try await meshForm(request) { document, form in
            try Self.editNode(&document, node: request.pathParameters["node"] ?? "", form: form)
          }
        }),
    ]
  }

  /// `GET /mesh`: anonymous visitors go home, instructors get 403.
  func meshPage(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The mesh page shows a learner's own mesh.")
    }
    let notice = flashes.take(Self.meshFlashKey(visitor))
    return try renderMeshPage(visitor, status: .ok, notice: notice, message: nil, refused: nil)
  }

  /// Applies a form's `edit` for the signed-in learner after the Origin and CSRF checks.
  private func meshForm(
    _ request: HTTPRequest,
    _ edit: @escaping @Sendable (inout MeshDocument, FormData) throws -> Void
  ) async throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    let form = try formPost(request, requireSource: true)
    try CSRF.verify(form, session: visitor.session)
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The mesh page shows a learner's own mesh.")
    }
    let service = try enabledSandboxes().mesh(learnerID: visitor.account.id)
    let update: MeshService.Update
    do {
      update = try await BlockingWork.run { try service.update { try edit(&$0, form) } }
    } catch let refused as MeshRefusedForm {
      return try renderMeshPage(
        visitor, status: .badRequest, notice: nil, message: "Not saved: see the marked fields.",
        refused: refused)
    } catch let error as HTTPError where error.status.statusClass == 4 {
      return try renderMeshPage(
        visitor, status: error.status, notice: nil, message: error.message, refused: nil)
    }
    flashes.put(Self.pushNotice(update.pushes), for: Self.meshFlashKey(visitor))
    return .seeOther("/mesh")
  }

  private func renderMeshPage(
    _ visitor: Visitor, status: HTTPStatus, notice: String?, message: String?,
    refused: MeshRefusedForm?
  ) throws -> HTTPResponse {
    let service = try enabledSandboxes().mesh(learnerID: visitor.account.id)
    let page = MeshPage(
      document: try service.document(), csrf: visitor.session.csrfToken, notice: notice,
      message: message, refused: refused)
    return .html(
      status,
      Layout.page(
        title: "Mesh", viewer: visitor.viewer, body: messageNotice(for: visitor) + page.body))
  }

  /// Puts the route form's values into route `route` of `router`, checked with the whole
  /// document. Throws ``MeshRefusedForm`` with the problems, 404 for an unknown route.
  static func editRoute(
    _ document: inout MeshDocument, router: String, route: String, form: FormData
  )
    throws
  {
    guard
      let index = document.routes.firstIndex(where: {
        $0.virtualRouterName == router && $0.routeName == route
      })
    else {
      throw HTTPError(
        .notFound, "your mesh has no route '\(route.prefix(100))' in '\(router.prefix(100))'")
    }
    var edit = MeshRouteForm(
      form, route: document.routes[index], nodes: document.virtualNodes.map(\.virtualNodeName))
    var changed = document
    edit.apply(to: &changed.routes[index])
    guard edit.errors.isEmpty else { throw MeshRefusedForm.route(edit) }
    do { try changed.validate() } catch {
      edit.place(error, routeIndex: index, targets: changed.routes[index].httpRoute.weightedTargets)
      throw MeshRefusedForm.route(edit)
    }
    document = changed
  }

  /// Puts the outlier-detection form's values into node `node`, checked with the whole
  /// document. Throws ``MeshRefusedForm`` with the problems, 404 for an unknown node.
  static func editNode(_ document: inout MeshDocument, node: String, form: FormData) throws {
    guard let index = document.virtualNodes.firstIndex(where: { $0.virtualNodeName == node })
    else { throw HTTPError(.notFound, "your mesh has no virtual node '\(node.prefix(100))'") }
    var edit = MeshNodeForm(form, node: document.virtualNodes[index])
    var changed = document
    edit.apply(to: &changed.virtualNodes[index])
    guard edit.errors.isEmpty else { throw MeshRefusedForm.node(edit) }
    do { try changed.validate() } catch {
      edit.place(error, nodeIndex: index)
      throw MeshRefusedForm.node(edit)
    }
    document = changed
  }

  /// What the sidecars said, for the page's one-time notice.
  static func pushNotice(_ pushes: [MeshPushResult]) -> String {
    guard !pushes.isEmpty else {
      return "Saved. No sidecar is running; they read the saved mesh when your sandbox starts."
    }
    return "Saved. " + pushes.map(\.summary).joined(separator: "; ") + "."
  }

  /// The flash key of the visitor's mesh notice (apart from other one-time messages).
  private static func meshFlashKey(_ visitor: Visitor) -> String {
    "mesh:" + visitor.credential.token.sha256Hex
  }
}

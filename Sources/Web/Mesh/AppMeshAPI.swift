import Foundation
import LogRouter
import Mesh
import Wire

/// App Mesh's REST operations (API version 2019-01-25) on one learner's own mesh: List and
/// Describe for the mesh, and List, Describe, Create (PUT on the collection) and Update (PUT on
/// the resource) for virtual nodes, routers, routes and services. App Mesh's exceptions keep
/// their status codes: NotFoundException 404 (another mesh name, an unknown resource),
/// BadRequestException 400 (naming the field), ConflictException 409 (Create of a name in use).
///
/// A change is validated against the whole document before it is saved; a refused one leaves
/// the saved document as it was. Write responses add `"sidecars"`: what each live sidecar said
/// to the new document (``MeshPushResult``), a field App Mesh never had.
struct AppMeshAPI: Sendable {
  /// Largest `limit` of a List call, and its default (App Mesh: 1–100).
  static let maxPage = 100

  let service: MeshService
  /// The server's clock, for the view's times while no document is saved.
  let now: Double

  private func view(_ document: MeshDocument) -> AppMeshView {
    AppMeshView(meshName: document.mesh.meshName, savedAt: service.lastSaved() ?? now)
  }

  /// The learner's document, after checking that `request` names its mesh.
  private func document(_ request: HTTPRequest) throws -> MeshDocument {
    let document = try service.document()
    try Self.checkMesh(request, document)
    return document
  }

  /// 404 unless the `{mesh}` of the URI is the learner's own mesh.
  private static func checkMesh(_ request: HTTPRequest, _ document: MeshDocument)
    throws(HTTPError)
  {
    guard request.pathParameters["mesh"] == document.mesh.meshName else {
      throw HTTPError(
        .notFound, "NotFoundException: no mesh named '\(shown(request.pathParameters["mesh"]))'")
    }
  }

  /// `GET /meshes` (ListMeshes) → `{"meshes": [MeshRef], "nextToken": null}`.
  func listMeshes(_ request: HTTPRequest) throws -> HTTPResponse {
    let document = try service.document()
    return .json(.ok, try Self.page([view(document).meshRef], key: "meshes", request))
  }

  /// `GET /meshes/{mesh}` (DescribeMesh) → `{"mesh": MeshData}`.
  func describeMesh(_ request: HTTPRequest) throws -> HTTPResponse {
    let document = try document(request)
    return .json(.ok, ["mesh": view(document).mesh(document.mesh)])
  }

  /// `GET …/virtualNodes`, `…/virtualRouter/{router}/routes`… (List*) → `{"<kind>s": [Ref],
  /// "nextToken"}`; routes of an unknown router are a 404.
  func list(_ kind: AppMeshKind, _ request: HTTPRequest) throws -> HTTPResponse {
    let document = try document(request)
    let router = try router(kind, request, in: document)
    let view = view(document)
    let refs = kind.resources(in: document, router: router).map {
      view.ref(kind, name: $0.name, router: router)
    }
    return .json(.ok, try Self.page(refs, key: kind.listKey, request))
  }

  /// `GET …/{name}` (Describe*) → `{"<kind>": Data}`; 404 for an unknown name.
  func describe(_ kind: AppMeshKind, _ request: HTTPRequest) throws -> HTTPResponse {
    let document = try document(request)
    let router = try router(kind, request, in: document)
    let name = request.pathParameters["name"] ?? ""
    guard let found = kind.resources(in: document, router: router).first(where: { $0.name == name })
    else { throw Self.notFound(kind, name) }
    return .json(
      .ok, [kind.key: view(document).data(kind, name: name, router: router, json: found.json)])
  }

  /// `PUT` on the collection (Create*): the body names the new resource; 409 when the name is
  /// in use. Blocks: run it off the pool.
  func create(_ kind: AppMeshKind, _ request: HTTPRequest) throws -> HTTPResponse {
    let body = try AppMeshRequestBody(request, nameField: kind.nameField)
    return try write(
      kind, request, name: try body.name(kind.nameField), spec: try body.spec(), creating: true)
  }

  /// `PUT` on the resource (Update*): its spec replaced whole; 404 when there is none. Blocks.
  func update(_ kind: AppMeshKind, _ request: HTTPRequest) throws -> HTTPResponse {
    let body = try AppMeshRequestBody(request, nameField: nil)
    return try write(
      kind, request, name: request.pathParameters["name"] ?? "", spec: try body.spec(),
      creating: false)
  }

  private func write(
    _ kind: AppMeshKind, _ request: HTTPRequest, name: String, spec: [String: Any], creating: Bool
  ) throws -> HTTPResponse {
    var router: String?
    let update: MeshService.Update
    do {
      update = try service.update { document in
        try Self.checkMesh(request, document)
        router = try self.router(kind, request, in: document)
        let exists = kind.resources(in: document, router: router).contains { $0.name == name }
        if creating, exists {
          throw HTTPError(
            .conflict, "ConflictException: a \(kind.label) named '\(Self.shown(name))' exists")
        }
        if !creating, !exists { throw Self.notFound(kind, name) }
        var object: [String: Any] = [kind.nameField: name, "spec": spec]
        object["virtualRouterName"] = router
        try kind.put(object, into: &document)
      }
    } catch let error as MeshConfigError {
      throw HTTPError(.badRequest, "BadRequestException: \(error.description)")
    }
    let json = kind.resources(in: update.document, router: router).first { $0.name == name }?.json
    return .json(
      .ok,
      [
        kind.key: view(update.document).data(kind, name: name, router: router, json: json ?? [:]),
        "sidecars": update.pushes.map(\.json),
      ])
  }

  /// The `{router}` of a route's URI, which must exist; `nil` for the other kinds.
  private func router(_ kind: AppMeshKind, _ request: HTTPRequest, in document: MeshDocument)
    throws(HTTPError) -> String?
  {
    guard kind == .route else { return nil }
    let name = request.pathParameters["router"] ?? ""
    guard document.virtualRouters.contains(where: { $0.virtualRouterName == name }) else {
      throw Self.notFound(.virtualRouter, name)
    }
    return name
  }

  private static func notFound(_ kind: AppMeshKind, _ name: String) -> HTTPError {
    HTTPError(.notFound, "NotFoundException: no \(kind.label) named '\(shown(name))'")
  }

  /// A name from the URI as messages show it: at most 100 characters.
  private static func shown(_ name: String?) -> String { String((name ?? "").prefix(100)) }

  /// One page of `items` by the call's `limit` (1–100, default 100) and `nextToken` (the offset
  /// the previous page ended at), with the next page's token or `null`.
  static func page(_ items: [[String: Any]], key: String, _ request: HTTPRequest) throws(HTTPError)
    -> [String: Any]
  {
    let parameters: QueryParameters
    do { parameters = try QueryParameters(request.query) } catch {
      throw HTTPError(.badRequest, error.description)
    }
    var limit = maxPage
    if let text = parameters["limit"] {
      guard text.utf8.count <= 3, let value = Int(text), (1...maxPage).contains(value) else {
        throw HTTPError(.badRequest, "limit: a whole number from 1 to \(maxPage)")
      }
      limit = value
    }
    var start = 0
    if let token = parameters["nextToken"], !token.isEmpty {
      guard token.utf8.count <= 6, let offset = Int(token), (0...items.count).contains(offset)
      else {
        throw HTTPError(.badRequest, "nextToken: not a token this API gave")
      }
      start = offset
    }
    let end = min(items.count, start + limit)
    return [
      key: Array(items[start..<end]),
      "nextToken": end < items.count ? String(end) : NSNull(),
    ]
  }
}

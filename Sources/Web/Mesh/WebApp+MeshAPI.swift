import Wire

extension WebApp {
  /// Where the App Mesh API is served: App Mesh's own URI layout under the lab server's prefix.
  static let meshAPIPath = "/api/v1/mesh/v20190125"
  /// Largest Create or Update body accepted.
  static let meshBodyLimit = 64 * 1024

  /// The App Mesh API on the caller's own mesh (issue 6 item 5): ``AppMeshAPI``'s operations
  /// at App Mesh's paths, e.g. `GET|PUT …/meshes/{mesh}/virtualRouter/{router}/routes/{route}`.
  /// Reads take a bearer token or the session cookie; changes take a bearer token only (no
  /// ambient credential, so no CSRF token: the API rule of ``apiRoutes()``).
  func meshAPIRoutes() -> [Route] {
    let meshes = Self.meshAPIPath + "/meshes"
    let mesh = meshes + "/:mesh"
    let routes = mesh + "/virtualRouter/:router/routes"
    let collections: [(AppMeshKind, String)] = [
      (.virtualNode, mesh + "/virtualNodes"), (.virtualRouter, mesh + "/virtualRouters"),
      (.route, routes), (.virtualService, mesh + "/virtualServices"),
    ]
    var list: [Route] = [
      Route(.get, meshes, .task { [self] in try meshRead($0) { try $0.listMeshes($1) } }),
      Route(.get, mesh, .task { [self] in try meshRead($0) { try $0.describeMesh($1) } }),
    ]
    for (kind, path) in collections {
      list += [
        Route(.get, path, .task { [self] in try meshRead($0) { try $0.list(kind, $1) } }),
        Route(
          .put, path, bodyLimit: Self.meshBodyLimit,
          .task { [self] in try await meshWrite($0) { try $0.create(kind, $1) } }),
        Route(
          .get, path + "/:name", .task { [self] in try meshRead($0) { try $0.describe(kind, $1) } }
        ),
        Route(
          .put, path + "/:name", bodyLimit: Self.meshBodyLimit,
          .task { [self] in try await meshWrite($0) { try $0.update(kind, $1) } }),
      ]
    }
    return list
  }

  /// Runs a read for the caller (bearer token or session cookie).
  private func meshRead(
    _ request: HTTPRequest, _ operation: (AppMeshAPI, HTTPRequest) throws -> HTTPResponse
  ) throws -> HTTPResponse {
    let visitor = try learnerAPIVisitor(request, feature: "mesh API calls", origin: .any)
    return try operation(try meshAPI(for: visitor), request)
  }

  /// Runs a change for the bearer's learner on a thread of its own (it writes a file and
  /// waits on the sidecars).
  private func meshWrite(
    _ request: HTTPRequest,
    _ operation: @escaping @Sendable (AppMeshAPI, HTTPRequest) throws -> HTTPResponse
  ) async throws -> HTTPResponse {
    let visitor = try learnerAPIVisitor(request, feature: "mesh API calls", origin: .never)
    let api = try meshAPI(for: visitor)
    return try await BlockingWork.run { try operation(api, request) }
  }

  /// The API on a learner's own mesh; 503 without sandboxes.
  private func meshAPI(for visitor: Visitor) throws -> AppMeshAPI {
    AppMeshAPI(
      service: try enabledSandboxes().mesh(learnerID: visitor.account.id),
      now: configuration.clock().timeIntervalSince1970)
  }
}

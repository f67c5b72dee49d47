import Foundation
import Wire

extension WebApp {
  /// The sandbox API (issue 3 item 5): the signed-in learner's own sandbox `learner-<id>`
  /// and their faults. Learners only: instructors get 403, anonymous callers 401.
  func sandboxAPIRoutes() -> [Route] {
    let limit = Self.formBodyLimit
    return [
      Route(
        .post, "/api/v1/sandbox", bodyLimit: limit,
        .task { [self] in try await apiStartSandbox($0) }),
      Route(.get, "/api/v1/sandbox", .task { [self] in try apiSandboxStatus($0) }),
      Route(.delete, "/api/v1/sandbox", .task { [self] in try await apiStopSandbox($0) }),
      Route(.get, "/api/v1/faults", .task { [self] in try apiFaults($0) }),
      Route(
        .post, "/api/v1/faults", bodyLimit: limit, .task { [self] in try await apiApplyFault($0) }),
      Route(.delete, "/api/v1/faults/:id", .task { [self] in try await apiEndFault($0) }),
    ]
  }

  /// `POST /api/v1/sandbox` → 202 with the status of the starting sandbox.
  func apiStartSandbox(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    return .json(.accepted, try await startSandbox(service, learnerID: learnerID).json)
  }

  /// `GET /api/v1/sandbox` → 200 with the status; 404 when the learner never started one.
  func apiSandboxStatus(_ request: HTTPRequest) throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    guard let status = service.status(learnerID: learnerID) else { throw SandboxService.noSandbox }
    return .json(.ok, status.json)
  }

  /// `DELETE /api/v1/sandbox` → 204 once every process has exited; open faults end.
  func apiStopSandbox(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    try await stopSandbox(service, learnerID: learnerID)
    return HTTPResponse(status: .noContent)
  }

  /// `GET /api/v1/faults` → `{"catalog": […], "faults": […]}`, the learner's newest first.
  func apiFaults(_ request: HTTPRequest) throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    service.agent.touch(sandboxID: SandboxService.sandboxID(learnerID: learnerID))
    let faults = try service.history.list(learnerID: learnerID)
    return .json(.ok, ["catalog": service.catalog, "faults": faults.map(\.json)])
  }

  /// `POST /api/v1/faults` `{"kind", "target", "params"?}` → 201 with the recorded fault.
  func apiApplyFault(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    let body = try JSONBody(request)
    let fault = try await service.apply(
      learnerID: learnerID, kindName: try body.string("kind"), target: try body.string("target"),
      params: try Self.faultParams(request))
    return .json(.created, fault.json)
  }

  /// The optional `params` object of a fault request whose body ``JSONBody`` accepted.
  static func faultParams(_ request: HTTPRequest) throws(HTTPError) -> [String: Any] {
    let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any]
    switch object?["params"] {
    case nil, is NSNull: return [:]
    case let params as [String: Any]: return params
    default: throw HTTPError(.badRequest, "field \"params\" must be an object")
    }
  }

  /// `DELETE /api/v1/faults/{id}` → 204; 404 unless it is the learner's own open fault.
  func apiEndFault(_ request: HTTPRequest) async throws -> HTTPResponse {
    let (service, learnerID) = try sandboxLearner(request)
    guard let text = request.pathParameters["id"], text.utf8.count <= 19,
      let faultID = Int64(text)
    else { throw HTTPError(.notFound, "no open fault with that id") }
    try await service.end(learnerID: learnerID, faultID: faultID)
    return HTTPResponse(status: .noContent)
  }

  /// The sandboxes and the bearer's learner id. 503 when sandboxes are off, 401 without a
  /// valid token, 403 for instructors.
  func sandboxLearner(_ request: HTTPRequest) throws -> (SandboxService, Int64) {
    let visitor = try learnerAPIVisitor(request, feature: "sandbox calls", origin: .never)
    return (try enabledSandboxes(), visitor.account.id)
  }

  /// The sandbox service, or 503 when this server runs without sandboxes.
  func enabledSandboxes() throws(HTTPError) -> SandboxService {
    guard let sandboxes else {
      throw HTTPError(.serviceUnavailable, "sandboxes are not enabled on this server")
    }
    return sandboxes
  }
}

import Dispatch
import Glibc
import Telemetry
import Wire

/// The routes of the control listener, through which the agent switches faults. Every request
/// must carry `Authorization: Bearer <token>` (the token the agent generated for this process),
/// else 401: the listener is loopback-only and the token keeps other local processes out.
public struct ControlEndpoint: Sendable {
  /// The largest `PUT` body accepted.
  public static let maxBody = 4096

  private let token: [UInt8]
  private let effects: FaultEffects
  private let errors: ErrorLog

  public init(token: String, effects: FaultEffects, errors: ErrorLog) {
    self.token = Array(token.utf8)
    self.effects = effects
    self.errors = errors
  }

  public var routes: [Route] {
    [
      Route(.get, "/faults", .inline { request in guarded(request) { _ in listActive() } }),
      Route(
        .get, "/faults/catalog",
        .inline { request in guarded(request) { _ in .json(.ok, FaultKind.catalogJSON) } }),
      Route(
        .put, "/faults/:kind", bodyLimit: Self.maxBody, .inline { request in guarded(request, put) }
      ),
      Route(.delete, "/faults/:kind", .inline { request in guarded(request, delete) }),
    ]
  }

  /// Runs `handler` only for a request bearing the token (RFC 6750 §2.1), compared in constant time.
  private func guarded(_ request: HTTPRequest, _ handler: (HTTPRequest) -> HTTPResponse)
    -> HTTPResponse
  {
    let values = request.headers.values("Authorization")
    guard values.count == 1, values[0].hasPrefix("Bearer "),
      Self.equalInConstantTime(Array(values[0].utf8.dropFirst(7)), token)
    else {
      var response = HTTPResponse.jsonError(.unauthorized, "a valid bearer token is required")
      response.headers.set("WWW-Authenticate", "Bearer")
      return response
    }
    return handler(request)
  }

  private static func equalInConstantTime(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count, !rhs.isEmpty else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
  }

  private func listActive() -> HTTPResponse {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("faults")
    writer.beginArray()
    for fault in effects.state.active { fault.write(to: &writer) }
    writer.endArray()
    writer.endObject()
    return .json(.ok, writer.bytes)
  }

  private func kind(_ request: HTTPRequest) -> FaultKind? {
    request.pathParameters["kind"].flatMap(FaultKind.init(rawValue:))
  }

  /// `PUT /faults/{kind}`: validates the JSON object of parameters and activates the fault;
  /// a crash with `after_requests` 0 answers first, then exits.
  private func put(_ request: HTTPRequest) -> HTTPResponse {
    guard let kind = kind(request) else { return .jsonError(.notFound, "no such fault kind") }
    let fault: Fault
    do {
      guard case .object(let object) = try JSONParser.parse(request.body) else {
        return .jsonError(.badRequest, "body: must be a JSON object")
      }
      fault = try Fault(kind: kind, object: object)
    } catch let error as JSONParser.Failure {
      return .jsonError(.badRequest, "body: \(error)")
    } catch {
      return .jsonError(.badRequest, "\(error)")
    }
    effects.apply(fault)
    if kind == .crash, fault["after_requests"] == 0 {
      let code = Int32(fault["exit_code"])
      errors.report("crash fault: exiting with code \(code)")
      DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(50)) { _exit(code) }
    }
    var writer = JSONWriter()
    fault.write(to: &writer)
    return .json(.ok, writer.bytes)
  }

  /// `DELETE /faults/{kind}`: 204, or 404 when that fault is not active.
  private func delete(_ request: HTTPRequest) -> HTTPResponse {
    guard let kind = kind(request) else { return .jsonError(.notFound, "no such fault kind") }
    guard effects.state.deactivate(kind) else {
      return .jsonError(.notFound, "\(kind.rawValue) is not active")
    }
    return HTTPResponse(status: .noContent)
  }
}

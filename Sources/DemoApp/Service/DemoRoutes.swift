import Telemetry
import Wire

/// The routes of swan and unicorn (issue 3, item 1), each wrapped by ``Instrumentation``.
public struct DemoRoutes: Sendable {
  /// Largest request body swan relays and unicorn accepts.
  public static let maxBody = 64 * 1024

  private let configuration: AppConfiguration
  private let instrumentation: Instrumentation
  private let client: HTTPClient

  public init(configuration: AppConfiguration, instrumentation: Instrumentation) {
    self.configuration = configuration
    self.instrumentation = instrumentation
    var clientConfiguration = HTTPClient.Configuration()
    clientConfiguration.responseTimeout = configuration.upstreamTimeout
    clientConfiguration.connectTimeout = min(.seconds(5), configuration.upstreamTimeout)
    clientConfiguration.maxResponseBody = Self.maxBody
    client = HTTPClient(configuration: clientConfiguration)
  }

  private var identity: ServiceIdentity { configuration.identity }

  public var routes: [Route] {
    var routes = [
      Route(.get, "/health", instrumentation.route(probe: true) { _, _ in health() })
    ]
    switch identity.service {
    case .swan:
      routes.append(Route(.get, "/", instrumentation.route { _, _ in index() }))
      for method in [HTTPMethod.get, .post] {
        routes.append(
          Route(
            method, "/unicorn", bodyLimit: Self.maxBody,
            instrumentation.route { request, trace in
              await relay(request, &trace)
            }))
      }
    case .unicorn:
      for method in [HTTPMethod.get, .post] {
        routes.append(
          Route(
            method, "/unicorn", bodyLimit: Self.maxBody,
            instrumentation.route { _, _ in
              answer()
            }))
      }
    }
    return routes
  }

  /// `GET /health`: 200, or 503 while the failing-health fault is active.
  private func health() -> HTTPResponse {
    let failing = instrumentation.faults.healthFailing
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("status")
    writer.string(failing ? "failing" : "ok")
    writer.endObject()
    return .json(failing ? .serviceUnavailable : .ok, writer.bytes)
  }

  /// Starts an object with the service, instance and version.
  private func beginIdentity(_ writer: inout JSONWriter) {
    writer.beginObject()
    writer.key("service")
    writer.string(identity.service.rawValue)
    writer.key("instance")
    writer.string(identity.instance)
    writer.key("version")
    writer.string(identity.version)
  }

  /// swan's `GET /`: who answered and where to go next.
  private func index() -> HTTPResponse {
    var writer = JSONWriter()
    beginIdentity(&writer)
    writer.key("links")
    writer.beginArray()
    for link in ["/unicorn", "/health"] { writer.string(link) }
    writer.endArray()
    writer.endObject()
    return .json(.ok, writer.bytes)
  }

  /// unicorn's `/unicorn`: a few ms of real work and a small body.
  private func answer() -> HTTPResponse {
    let digest = UnicornWork.run()
    var writer = JSONWriter()
    beginIdentity(&writer)
    writer.key("message")
    writer.string("unicorn \(identity.version) did its work (digest \(String(digest, radix: 16)))")
    writer.endObject()
    return .json(.ok, writer.bytes)
  }

  /// swan's `/unicorn`: calls unicorn with the same method and body, the request id and the
  /// trace headers (swan's remote subsegment as parent), and relays its status and body.
  /// No answer → 502; no whole answer within the upstream timeout → 504.
  private func relay(_ request: HTTPRequest, _ trace: inout RequestTrace) async -> HTTPResponse {
    guard let upstream = configuration.upstream else {
      return .jsonError(.badGateway, "no upstream configured for unicorn")
    }
    var subsegment = Subsegment(
      name: DemoService.unicorn.rawValue, startTime: WallClock.now(), namespace: "remote")
    let authority = configuration.upstreamHost ?? upstream.description
    subsegment.http = XRayHTTP(method: request.method.rawValue, url: "http://\(authority)/unicorn")
    var headers: HTTPHeaders = ["Host": authority]
    trace.context.inject(into: &headers, parent: subsegment.id)
    headers.set(RequestID.headerName, trace.requestID)
    if let type = request.headers["Content-Type"] { headers.set("Content-Type", type) }
    let outgoing = HTTPClientRequest(
      method: request.method, target: "/unicorn", headers: headers, body: request.body)
    let response: HTTPResponse
    do {
      let answer = try await client.send(outgoing, to: upstream)
      subsegment.record(status: answer.status.code)
      subsegment.http?.contentLength = answer.body.count
      var relayed = HTTPHeaders()
      relayed.set("Content-Type", answer.headers["Content-Type"] ?? "application/octet-stream")
      response = HTTPResponse(status: answer.status, headers: relayed, body: .bytes(answer.body))
    } catch {
      subsegment.fault = true
      let status: HTTPStatus =
        if case .responseTimeout? = error as? HTTPClientError { .gatewayTimeout } else {
          .badGateway
        }
      instrumentation.errors.report(
        "call to unicorn failed: \(error)", fields: [("upstream", upstream.description)])
      response = .jsonError(status, "unicorn: \(error)")
    }
    subsegment.endTime = WallClock.now()
    trace.calls.append(subsegment)
    return response
  }
}

import Glibc
import Telemetry
import Wire

/// What every app route shares: it continues the incoming trace (or starts one), applies the
/// request faults, logs one JSON line to standard output and sends one X-Ray segment.
public struct Instrumentation: Sendable {
  /// A route's own work; it may add remote subsegments to the trace.
  public typealias Handler =
    @Sendable (HTTPRequest, inout RequestTrace) async throws -> HTTPResponse

  public let identity: ServiceIdentity
  public let faults: FaultState
  public let errors: ErrorLog
  /// Where finished segments go; `nil` sends none.
  public let segments: SegmentEmitter?
  public let containerName: String?

  public init(
    identity: ServiceIdentity, faults: FaultState, segments: SegmentEmitter?, containerName: String?
  ) {
    self.identity = identity
    self.faults = faults
    errors = ErrorLog(identity: identity)
    self.segments = segments
    self.containerName = containerName
  }

  /// `handler` wrapped. Probes (health checks) get neither the latency, error and crash faults
  /// (so the agent's and the sidecar's probes neither count toward a crash nor slow down) nor a
  /// segment (so they do not crowd the service map as clients, as X-Ray SDK middleware is
  /// usually told to skip health-check paths); they are still logged.
  public func route(probe: Bool = false, _ handler: @escaping Handler) -> RouteHandler {
    .task { request in await handle(request, probe: probe, handler) }
  }

  private func handle(_ request: HTTPRequest, probe: Bool, _ handler: Handler) async
    -> HTTPResponse
  {
    let startTime = WallClock.now()
    let started = WallClock.monotonic()
    let requestID = RequestID.of(request.headers)
    let context =
      TraceContext.extract(from: request.headers)
      ?? TraceContext.start(epochSeconds: Int(startTime))
    var trace = RequestTrace(requestID: requestID, context: context)
    var response: HTTPResponse
    do {
      response = try await faulted(request, faultable: !probe, &trace, handler)
    } catch let error as HTTPError {
      response = .jsonError(error.status, error.message)
    } catch {
      errors.report("handler failed: \(error)", fields: [("request_id", requestID)])
      response = .jsonError(.internalServerError, "internal error")
    }
    response.headers.set(RequestID.headerName, requestID)
    let endTime = WallClock.now()
    log(
      request.head, status: response.status.code, time: startTime,
      duration: (WallClock.monotonic() - started) * 1000, requestID: requestID,
      traceID: context.traceID)
    // An unsampled trace (`Sampled=0`, flags 00) is continued but not recorded.
    if context.sampled, !probe {
      segments?.send(
        segment(
          for: request, response: response, trace: trace, startTime: startTime, endTime: endTime))
    }
    return response
  }

  private func faulted(
    _ request: HTTPRequest, faultable: Bool, _ trace: inout RequestTrace, _ handler: Handler
  ) async throws -> HTTPResponse {
    guard faultable else { return try await handler(request, &trace) }
    var random = SystemRandomNumberGenerator()
    let decision = faults.decide(using: &random)
    if let code = decision.crashExitCode {
      errors.report("crash fault: exiting with code \(code)")
      _exit(code)
    }
    if decision.delayMilliseconds > 0 {
      try await Task.sleep(for: .milliseconds(decision.delayMilliseconds))
    }
    if let status = decision.errorStatus { return .jsonError(HTTPStatus(status), "injected fault") }
    return try await handler(request, &trace)
  }

  /// Writes the request's log line to standard output.
  public func log(
    _ head: HTTPRequestHead, status: Int, time: Double, duration: Double, requestID: String,
    traceID: TraceID
  ) {
    let entry = RequestLogEntry(
      time: time, identity: identity, method: head.method.rawValue, path: String(head.path),
      status: status,
      durationMilliseconds: duration, requestID: requestID, traceID: traceID.xray)
    StandardStream.standardOutput.writeLine(entry.json)
  }

  /// The segment for one answered request (developer guide, "Segment documents").
  func segment(
    for request: HTTPRequest, response: HTTPResponse, trace: RequestTrace, startTime: Double,
    endTime: Double
  ) -> Segment {
    let host = request.headers["Host"] ?? "localhost"
    var segment = Segment(
      name: identity.service.rawValue, traceID: trace.context.traceID, id: trace.segmentID,
      parentID: trace.context.parentID, startTime: startTime, endTime: endTime,
      http: XRayHTTP(
        method: request.method.rawValue, url: "http://\(host)\(request.path)",
        userAgent: request.headers["User-Agent"], clientIP: request.remoteAddress?.host),
      annotations: [
        ("instance", .string(identity.instance)), ("version", .string(identity.version)),
      ],
      origin: containerName == nil ? nil : "AWS::ECS::Container",
      ecs: containerName.map { ($0, identity.instance) }, subsegments: trace.calls)
    segment.record(status: response.status.code)
    if case .bytes(let body) = response.body { segment.http?.contentLength = body.count }
    return segment
  }
}

import Foundation
import Metrics
import Tracer
import Wire

extension WebApp {
  /// The learner's traces (issue 8 items 3–4): X-Ray's query API, the service map, the trace
  /// list and the waterfall. Each reads the caller's own sandbox (`learner-<id>`) only: no
  /// parameter names a learner, so another learner's trace is simply not found.
  func traceRoutes() -> [Route] {
    let operations = ["ServiceGraph", "TraceSummaries", "Traces"]
    return operations.map { operation in
      Route(
        .post, "/api/v1/xray/" + operation, bodyLimit: Self.xrayBodyLimit,
        .task { [self] in try await xrayAPI($0, operation: operation) })
    } + [
      Route(.get, "/traces", .task { [self] in try traceListPage($0) }),
      Route(.get, "/traces/map", .task { [self] in try serviceMapPage($0) }),
      Route(.get, "/traces/:id", .task { [self] in try waterfallPage($0) }),
    ]
  }

  /// Longest filter expression the list page takes.
  static let maxTraceFilterLength = 1000

  /// Largest X-Ray request body accepted, as the tracer's own routes take.
  static let xrayBodyLimit = 1 << 20

  /// The file of the empty store that answers for learners with no traces yet, in the data
  /// folder: the answers keep X-Ray's shapes and validation without a special case.
  static let emptyTracesFileName = "traces-empty.sqlite"

  /// `POST /api/v1/xray/{ServiceGraph,TraceSummaries,Traces}` with X-Ray's request and
  /// response bodies (botocore `xray/2016-04-12`): the tracer's own handlers run on the
  /// caller's store. Bearer token, or session cookie with a same-origin `Origin`/`Referer`;
  /// 401 without a session, 403 for instructors.
  func xrayAPI(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
    let visitor = try learnerAPIVisitor(request, feature: "traces", origin: .ownPages)
    let queries = TraceQueries(store: try traceStore(learnerID: visitor.account.id))
    guard let route = queries.routes().first(where: { $0.pattern == "/" + operation }),
      case .task(let handler) = route.handler
    else { throw HTTPError(.notFound, "there is no X-Ray operation \(operation)") }
    var response = try await handler(request)
    response.headers.set("Cache-Control", "no-store")
    return response
  }

  /// A trace page for the signed-in learner: anonymous visitors go to `/`, instructors get 403.
  func tracePage(_ request: HTTPRequest, _ page: (Visitor) throws -> HTTPResponse) throws
    -> HTTPResponse
  {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The traces pages show a learner's own sandbox.")
    }
    return try page(visitor)
  }

  /// The learner's trace store, or the empty store while they have none. 503 without
  /// sandboxes.
  func traceStore(learnerID: Int64) throws -> TraceStore {
    if let store = try enabledSandboxes().traceStore(learnerID: learnerID) { return store }
    let empty = try SandboxService.traceStores.store(
      at: configuration.dataFolder + "/" + Self.emptyTracesFileName, create: true)
    guard let empty else { throw HTTPError(.serviceUnavailable, "the trace store is missing") }
    return empty
  }

  /// `GET /traces/map?minutes=…`: the service map of the window (default 15 minutes).
  func serviceMapPage(_ request: HTTPRequest) throws -> HTTPResponse {
    try tracePage(request) { visitor in
      let window = try TraceWindow(try Self.traceQuery(request), now: now)
      let graph: ServiceGraph
      do {
        graph = try traceStore(learnerID: visitor.account.id).serviceGraph(
          start: window.start, end: window.end)
      } catch let error as HTTPError {
        throw error
      } catch {
        throw HTTPError(.serviceUnavailable, "the trace store failed: \(error)")
      }
      let page = ServiceMapPage(map: ServiceMap(graph), window: window)
      return .html(.ok, Layout.page(title: "Service map", viewer: visitor.viewer, body: page.body))
    }
  }

  /// `GET /traces?filter=…&minutes=…`: the trace list; 400 with the parser's message and a
  /// caret when the expression is bad.
  func traceListPage(_ request: HTTPRequest) throws -> HTTPResponse {
    try tracePage(request) { visitor in
      let parameters = try Self.traceQuery(request)
      let window = try TraceWindow(parameters, now: now)
      let filter = (parameters["filter"] ?? "").trimmingCharacters(in: .whitespaces)
      guard filter.count <= Self.maxTraceFilterLength else {
        throw HTTPError(
          .badRequest,
          "the filter expression is longer than \(Self.maxTraceFilterLength) characters")
      }
      var problem: FilterExpressionError?
      if !filter.isEmpty {
        do throws(FilterExpressionError) { _ = try FilterParser.parse(filter) } catch {
          problem = error
        }
      }
      let scan =
        try problem == nil
        ? TraceSummaryScan(
          queries: TraceQueries(store: traceStore(learnerID: visitor.account.id)),
          start: window.start, end: window.end, filter: filter)
        : nil
      let page = TraceListPage(filter: filter, window: window, problem: problem, scan: scan)
      return .html(
        problem == nil ? .ok : .badRequest,
        Layout.page(title: "Traces", viewer: visitor.viewer, body: page.body))
    }
  }

  /// `GET /traces/{id}`: the waterfall of one of the learner's traces; 404 for any id their
  /// store does not hold (another learner's included).
  func waterfallPage(_ request: HTTPRequest) throws -> HTTPResponse {
    try tracePage(request) { visitor in
      let queries = TraceQueries(store: try traceStore(learnerID: visitor.account.id))
      guard let id = request.pathParameters["id"],
        let waterfall = try TraceWaterfall(id: id, queries: queries)
      else { throw HTTPError(.notFound, "there is no trace with that id in your sandbox") }
      let page = TraceWaterfallPage(waterfall: waterfall)
      return .html(.ok, Layout.page(title: "Trace", viewer: visitor.viewer, body: page.body))
    }
  }

  /// The server's clock, Unix seconds.
  private var now: Double { configuration.clock().timeIntervalSince1970 }

  /// A page's query parameters; 400 when the query is malformed.
  static func traceQuery(_ request: HTTPRequest) throws(HTTPError) -> QueryParameters {
    do { return try QueryParameters(request.query) } catch {
      throw HTTPError(.badRequest, error.description)
    }
  }
}

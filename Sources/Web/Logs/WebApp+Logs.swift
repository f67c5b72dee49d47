import Foundation
import LogRouter
import Wire

extension WebApp {
  /// The learner's logs (issue 7 item 3): the search API, the page and its live tail. Each
  /// always reads the caller's own sandbox (`learner-<id>`): no parameter names a learner.
  func logRoutes() -> [Route] {
    [
      Route(.get, "/api/v1/logs", .task { [self] in try apiLogs($0) }),
      Route(.get, "/logs", .task { [self] in try logsPage($0) }),
      Route(.get, "/logs/events", .task { [self] in try logEvents($0) }),
    ]
  }

  /// `GET /api/v1/logs?filter=…&container=…&source=…&start=…&end=…&limit=…&next=…` (bearer
  /// token or session cookie; learners only) → `{"records": […], "next", "facets":
  /// {"containers", "sources"}}`, newest first. 400 names the bad parameter (and the pattern
  /// position), 401 without a session, 403 for instructors.
  func apiLogs(_ request: HTTPRequest) throws -> HTTPResponse {
    let visitor = try learnerAPIVisitor(request, feature: "logs", origin: .any)
    let search = try LogSearch(
      query: request.query, now: configuration.clock().timeIntervalSince1970)
    let result = try logResult(learnerID: visitor.account.id, search: search)
    return .json(
      .ok,
      [
        "records": (result?.records ?? []).map(\.json),
        "next": result?.next ?? NSNull(),
        "facets": ["containers": result?.containers ?? [:], "sources": result?.sources ?? [:]],
      ])
  }

  /// `GET /logs`: the search page; anonymous visitors go to `/`, instructors get 403.
  func logsPage(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The logs page shows a learner's own sandbox.")
    }
    let page: LogsPage
    let status: HTTPStatus
    do {
      let search = try LogSearch(
        query: request.query, now: configuration.clock().timeIntervalSince1970)
      page = LogsPage(
        search: search, result: try logResult(learnerID: visitor.account.id, search: search),
        message: nil)
      status = .ok
    } catch let error as HTTPError where error.status == .badRequest {
      page = LogsPage(search: LogSearch(), result: nil, message: error.message)
      status = .badRequest
    }
    return .html(
      status,
      Layout.page(title: "Logs", viewer: visitor.viewer, body: page.body, head: page.head))
  }

  /// `GET /logs/events?filter=…&container=…&source=…`: an event stream (HTML Living Standard
  /// §9.2) of the lines that arrive after it opened and match the search, oldest first, each
  /// `{"id", "time", "container", "source", "pieces": [{"text", "mark"}]}`; a comment every
  /// 15 s keeps it open. Ends when the client goes.
  func logEvents(_ request: HTTPRequest) throws -> HTTPResponse {
    guard let visitor = try visitor(request) else { return .seeOther("/") }
    guard visitor.account.role == .learner else {
      return Self.forbidden(visitor, "The logs page shows a learner's own sandbox.")
    }
    let now = configuration.clock().timeIntervalSince1970
    var search = try LogSearch(query: request.query, now: now)
    (search.start, search.end, search.next) = (nil, nil, nil)
    let tail = LogTail(
      search: search, learnerID: visitor.account.id, source: try enabledSandboxes(),
      clock: configuration.clock)
    return ServerSentEvent.stream { writer in await tail.run(to: writer) }
  }

  /// One page of the learner's logs, `nil` when they have none yet. 503 without sandboxes.
  func logResult(learnerID: Int64, search: LogSearch) throws -> LogQueryResult? {
    guard let store = try enabledSandboxes().logStore(learnerID: learnerID) else { return nil }
    do {
      return try store.query(search.query)
    } catch let error as LogStoreError {
      throw HTTPError(.badRequest, error.description)
    }
  }
}

import Foundation
import Store
import Wire

extension WebApp {
  /// Methods that get the HTML/JSON 404 and 405 answers instead of the server's plain ones.
  static let fallbackMethods: [HTTPMethod] = [.get, .post, .put, .delete, .patch, .options]

  /// Every page, the JSON API, `/static` and `extra`, each wrapped so a thrown error becomes
  /// a page (or JSON under `/api/`), plus catch-all
  /// routes that answer 404 and 405 as pages (or JSON under `/api/`).
  public func routes(extra: [Route] = []) -> [Route] {
    let own =
      [
        Route(
          .get, "/healthz",
          .inline { _ in HTTPResponse(contentType: "text/plain; charset=utf-8", text: "ok") }),
        Route(.get, "/readyz", .task { [self] _ in readiness() }),
        StaticFiles(root: configuration.publicFolder).route(prefix: "/static"),
      ] + pageRoutes() + apiRoutes() + sandboxAPIRoutes()
      + sandboxPageRoutes() + progressAPIRoutes() + instructorRoutes() + logRoutes()
      + traceRoutes() + meshRoutes() + metricsRoutes() + extra
    let router = Router(own)
    let fallbacks = Self.fallbackMethods.map { method in
      Route(method, "/*", .inline { request in Self.unmatched(request, router: router) })
    }
    return (own + fallbacks).map(Self.secured)
  }

  /// `GET /readyz`: 200 when the database answers a `SELECT 1`, else 503.
  func readiness() -> HTTPResponse {
    let answered = try? database.read { try $0.queryOne("SELECT 1 AS one", []) }
    guard answered?.int("one") == 1 else {
      return HTTPResponse(
        status: .serviceUnavailable, contentType: "text/plain; charset=utf-8", text: "not ready")
    }
    return HTTPResponse(contentType: "text/plain; charset=utf-8", text: "ready")
  }

  /// The answer for a request no real route took: 405 with `Allow` (RFC 9110 §15.5.6) when
  /// the path exists under other methods, else 404.
  static func unmatched(_ request: HTTPRequest, router: Router) -> HTTPResponse {
    switch router.match(method: request.method, path: request.path) {
    case .methodNotAllowed(let allowed):
      var response = errorResponse(
        HTTPError(.methodNotAllowed, "method not allowed here"), path: request.path)
      response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
      return response
    case .found, .notFound:
      return errorResponse(HTTPError(.notFound, "there is no page here"), path: request.path)
    }
  }

  /// `route` with thrown errors turned into pages (or JSON under `/api/`).
  static func secured(_ route: Route) -> Route {
    let handler: RouteHandler =
      switch route.handler {
      case .inline(let handler):
        .inline { request in finished(Result { try handler(request) }, for: request) }
      case .task(let handler):
        .task { request in
          do { return finished(.success(try await handler(request)), for: request) } catch {
            return finished(.failure(error), for: request)
          }
        }
      }
    return Route(route.method, route.pattern, bodyLimit: route.bodyLimit, handler)
  }

  /// A handler's outcome as sent: the response, or the error rendered.
  static func finished(_ outcome: Result<HTTPResponse, any Error>, for request: HTTPRequest)
    -> HTTPResponse
  {
    switch outcome {
    case .success(let response): response
    case .failure(let error): errorResponse(error, path: request.path, method: request.method)
    }
  }

  /// An error as the client should see it: JSON `{"error": …}` under `/api/`, else a page in
  /// the layout. Unexpected errors become a 500 that reveals nothing, logged to stderr.
  static func errorResponse(_ error: any Error, path: Substring?, method: HTTPMethod? = nil)
    -> HTTPResponse
  {
    let isAPI = path?.hasPrefix("/api/") ?? false
    let status: HTTPStatus
    let message: String
    var retryAfter: Int?
    switch error {
    case let error as HTTPError:
      (status, message) = (error.status, error.message)
    case let error as StoreError where error.kind == .busy || error.kind == .locked:
      (status, message) = (.serviceUnavailable, "the server is busy; try again in a moment")
    case let error as RateLimited:
      (status, message, retryAfter) = (
        .tooManyRequests, "too many failed attempts; try again later", error.retryAfter
      )
    default:
      let label = "\(method?.rawValue ?? "-") \(path?.prefix(200) ?? "-")"
      logToStandardError("web: \(label) failed: \(error)")
      (status, message) = (.internalServerError, "something went wrong on the server")
    }
    var response: HTTPResponse
    if isAPI {
      response = .jsonError(status, message)
    } else {
      let body =
        "<h1>\(status.code) \(HTML.escape(status.reason))</h1>\n\(Layout.message(message))\n<p><a href=\"/\">Home</a></p>"
      response = .html(status, Layout.page(title: status.reason, viewer: nil, body: body))
    }
    if let retryAfter { response.headers.set("Retry-After", String(retryAfter)) }
    if status == .unauthorized, isAPI { response.headers.set("WWW-Authenticate", "Bearer") }
    return response
  }

  /// For `HTTPServer.Configuration.errorPage`: errors the server raises itself (400, 408,
  /// 413, 431…) in the same shape as the routes' errors.
  public var errorPage: @Sendable (HTTPRequestHead?, HTTPError) -> HTTPResponse {
    { head, error in Self.errorResponse(error, path: head?.path, method: head?.method) }
  }

  /// Sets what the server must do for these routes: the error page, and the security
  /// headers on every response it sends.
  public func configure(_ server: inout HTTPServer.Configuration) {
    server.errorPage = errorPage
    server.fixedHeaders = SecurityHeaders.headers
  }
}

import Testing
import Wire

@testable import Web

@Suite struct WebAppErrorTests {
  struct Unexpected: Error {}

  static func request(_ path: String) -> HTTPRequest {
    HTTPRequest(head: HTTPRequestHead(method: .get, target: path))
  }

  @Test func unexpectedError_is500WithoutDetails() {
    let response = WebApp.finished(.failure(Unexpected()), for: Self.request("/labs"))
    #expect(response.status == .internalServerError)
    guard case .bytes(let body) = response.body else {
      Issue.record("no body")
      return
    }
    let text = String(decoding: body, as: UTF8.self)
    #expect(text.contains("something went wrong on the server"))
    #expect(!text.contains("Unexpected"))
  }

  @Test func rateLimited_is429WithRetryAfterAsJSONUnderAPI() {
    let response = WebApp.finished(
      .failure(RateLimited(retryAfter: 42)), for: Self.request("/api/v1/signin"))
    #expect(response.status == .tooManyRequests)
    #expect(response.headers["Retry-After"] == "42")
    #expect(response.headers["Content-Type"] == "application/json")
  }

  @Test func httpError_messageIsEscapedInThePage() {
    let error = HTTPError(.badRequest, "<script>alert(1)</script>")
    let response = WebApp.finished(.failure(error), for: Self.request("/join"))
    #expect(response.status == .badRequest)
    guard case .bytes(let body) = response.body else {
      Issue.record("no body")
      return
    }
    let text = String(decoding: body, as: UTF8.self)
    #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!text.contains("<script>alert"))
  }

  @Test func configure_makesTheSecurityHeadersFixedOnTheServer() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var configuration = WebConfiguration(dataFolder: folder.path)
    configuration.passwordIterations = 1000
    let app = try WebApp(configuration: configuration)
    var server = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!)
    app.configure(&server)
    #expect(server.fixedHeaders["Content-Security-Policy"] == SecurityHeaders.contentSecurityPolicy)
    #expect(server.fixedHeaders["X-Frame-Options"] == "DENY")
    #expect(server.fixedHeaders["X-Content-Type-Options"] == "nosniff")
    #expect(server.fixedHeaders["Referrer-Policy"] == "same-origin")
  }

  @Test func serverErrorPage_isJSONUnderAPIAndHTMLElsewhere() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var configuration = WebConfiguration(dataFolder: folder.path)
    configuration.passwordIterations = 1000
    let app = try WebApp(configuration: configuration)
    let api = app.errorPage(
      HTTPRequestHead(method: .post, target: "/api/v1/join"),
      HTTPError(.contentTooLarge, "too large"))
    #expect(api.headers["Content-Type"] == "application/json")
    #expect(api.status == .contentTooLarge)
    let page = app.errorPage(nil, HTTPError(.badRequest, "bad request line"))
    #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
    #expect(page.status == .badRequest)
  }
}

import Foundation
import Testing
import Wire

@testable import Web

/// A running `WebApp` behind a real `HTTPServer` on 127.0.0.1:0, with a temporary data and
/// labs folder, a hand-moved clock and cheap password hashing.
final class WebServerFixture: Sendable {
  let folder: TemporaryFolder
  let clock: TestClock
  let app: WebApp
  let server: HTTPServer
  let client = HTTPClient()

  /// `configure` may change the configuration last (sandbox tests turn sandboxes on).
  init(labs: [String] = [], configure: (inout WebConfiguration) -> Void = { _ in }) throws {
    folder = try TemporaryFolder()
    clock = TestClock()
    for lab in labs {
      try FileManager.default.createDirectory(
        atPath: folder.path + "/labs/" + lab, withIntermediateDirectories: true)
    }
    var configuration = WebConfiguration(
      dataFolder: folder.path + "/data", publicFolder: folder.path + "/public",
      labsFolder: folder.path + "/labs",
      eventCode: "JOIN42")
    configuration.clock = clock.function
    configuration.passwordIterations = 1000
    configure(&configuration)
    app = try WebApp(configuration: configuration)
    var serverConfiguration = HTTPServer.Configuration(
      address: SocketAddress("127.0.0.1:0")!, loops: 1)
    serverConfiguration.log = { _ in }
    app.configure(&serverConfiguration)
    server = try HTTPServer(configuration: serverConfiguration, router: Router(app.routes()))
    server.start()
    app.startBackgroundWork()
  }

  /// Runs `body` with a fresh fixture and always stops the server and removes the folder.
  static func with(
    labs: [String] = [], configure: (inout WebConfiguration) -> Void = { _ in },
    _ body: (WebServerFixture) async throws -> Void
  ) async throws {
    let fixture = try WebServerFixture(labs: labs, configure: configure)
    do {
      try await body(fixture)
    } catch {
      await fixture.stopOffThePool()
      throw error
    }
    await fixture.stopOffThePool()
  }

  /// Stops on a thread of its own: `waitUntilStopped` blocks, and blocking the cooperative
  /// pool would starve the server's own task handlers (and every other test).
  func stopOffThePool() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      Thread.detachNewThread {
        self.stop()
        continuation.resume()
      }
    }
  }

  func stop() {
    client.close()
    server.shutdown(gracePeriod: .milliseconds(100))
    server.waitUntilStopped()
    app.shutdown()
    folder.remove()
  }

  /// `http://host:port`, what a browser on this server sends as `Origin`.
  var origin: String { "http://\(server.address)" }

  /// Sends a request and checks the headers every response must carry.
  func send(_ request: HTTPClientRequest, sourceLocation: SourceLocation = #_sourceLocation)
    async throws
    -> HTTPClientResponse
  {
    let response = try await blockingSend(request)
    #expect(
      response.headers["Content-Security-Policy"] == SecurityHeaders.contentSecurityPolicy,
      "\(request.method) \(request.target) → \(response.status)", sourceLocation: sourceLocation)
    #expect(response.headers["X-Content-Type-Options"] == "nosniff", sourceLocation: sourceLocation)
    #expect(response.headers["X-Frame-Options"] == "DENY", sourceLocation: sourceLocation)
    #expect(response.headers["Referrer-Policy"] == "same-origin", sourceLocation: sourceLocation)
    return response
  }

  /// Runs the client's blocking `send` on a thread of its own: Dispatch's global queue has
  /// only as many threads as cores, so many blocked sends there would queue up behind each other.
  func blockingSend(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
    let (client, address) = (client, server.address)
    return try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread {
        continuation.resume(
          with: Result { () throws(HTTPClientError) in try client.send(request, to: address) })
      }
    }
  }

  /// A JSON API call, with a bearer token when given.
  func api(
    _ method: HTTPMethod, _ path: String, json: String? = nil, bearer: String? = nil,
    contentType: String = "application/json"
  ) async throws -> (status: Int, object: [String: Any]) {
    var headers: HTTPHeaders = [:]
    if let bearer { headers.add("Authorization", "Bearer \(bearer)") }
    if json != nil { headers.add("Content-Type", contentType) }
    let response = try await send(
      HTTPClientRequest(
        method: method, target: path, headers: headers, body: Array((json ?? "").utf8)))
    if response.body.isEmpty { return (response.status.code, [:]) }
    #expect(response.headers["Content-Type"] == "application/json")
    let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    return (response.status.code, try #require(object))
  }
}

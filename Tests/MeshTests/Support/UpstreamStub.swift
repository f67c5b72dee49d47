import Wire

/// A well-behaved upstream on Wire's server: `/hello` answers `hello`, `/echo` answers the
/// request body, `/headers` lists the request fields it received (`name: value` lines),
/// `/status/:code` answers that status.
struct UpstreamStub {
  let server: HTTPServer
  var address: SocketAddress { server.address }

  init() throws {
    let router = Router([
      Route(
        .get, "/hello", .inline { _ in HTTPResponse(contentType: "text/plain", text: "hello") }),
      Route(
        .post, "/echo", bodyLimit: 8 * 1024 * 1024,
        .inline { request in
          HTTPResponse(
            headers: ["Content-Type": "application/octet-stream"], body: .bytes(request.body))
        }),
      Route(
        .get, "/headers",
        .inline { request in
          HTTPResponse(
            contentType: "text/plain",
            text: request.headers.map { "\($0.name.lowercased()): \($0.value)\n" }.joined())
        }),
      Route(
        .get, "/status/:code",
        .inline { request in
          HTTPResponse(
            status: HTTPStatus(Int(request.pathParameters["code"] ?? "") ?? 500),
            contentType: "text/plain", text: "status")
        }),
      Route(
        .get, "/chunked",
        .inline { _ in
          HTTPResponse(
            headers: ["Content-Type": "text/plain"],
            body: .stream { writer in
              for part in ["one ", "two ", "three"] { writer.write(Array(part.utf8)) }
              writer.finish()
            })
        }),
    ])
    var configuration = HTTPServer.Configuration(address: SocketAddress("127.0.0.1:0")!, loops: 1)
    configuration.metricsPath = nil
    configuration.log = { _ in }
    server = try HTTPServer(configuration: configuration, router: router)
    server.start()
  }

  func stop() {
    server.shutdown(gracePeriod: .zero)
    server.waitUntilStopped()
  }
}

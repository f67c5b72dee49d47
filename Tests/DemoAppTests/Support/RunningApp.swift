import Foundation
import Testing
import Wire

/// A demo app process started on port 0, with the addresses it announced.
struct RunningApp {
  static let token = "test-token-0123456789"

  let process: ChildProcess
  let address: SocketAddress
  let control: SocketAddress
  let client = HTTPClient()

  /// Starts `sidecarlab app --service service` on 127.0.0.1:0 for both listeners.
  static func start(
    _ service: String, upstream: SocketAddress? = nil, daemon: SocketAddress? = nil,
    extra: [String] = []
  ) async throws -> RunningApp {
    var arguments = [
      "app", "--service", service, "--listen", "127.0.0.1:0", "--control", "127.0.0.1:0",
      "--instance",
      "\(service)-t", "--version", "v1",
    ]
    if let upstream { arguments += ["--upstream", upstream.description] }
    var environment = ["SIDECARLAB_CONTROL_TOKEN": token]
    if let daemon { environment["AWS_XRAY_DAEMON_ADDRESS"] = daemon.description }
    let process = try ChildProcess(arguments + extra, environment: environment)
    do {
      let address = try #require(SocketAddress(try await process.announced("listening on ")))
      let control = try #require(SocketAddress(try await process.announced("control on ")))
      return RunningApp(process: process, address: address, control: control)
    } catch {
      process.kill()
      throw error
    }
  }

  /// Sends a request to the service listener.
  func request(
    _ method: HTTPMethod = .get, _ target: String, headers: HTTPHeaders = [:], body: String = ""
  ) async throws -> HTTPClientResponse {
    try await client.send(
      HTTPClientRequest(method: method, target: target, headers: headers, body: Array(body.utf8)),
      to: address)
  }

  /// Sends a request to the control listener, with the bearer token unless told otherwise.
  func control(
    _ method: HTTPMethod, _ target: String, body: String = "", token: String? = RunningApp.token
  ) async throws -> HTTPClientResponse {
    var headers: HTTPHeaders = [:]
    if let token { headers.add("Authorization", "Bearer \(token)") }
    return try await client.send(
      HTTPClientRequest(method: method, target: target, headers: headers, body: Array(body.utf8)),
      to: control)
  }

  func stop() {
    client.close()
    process.kill()
  }
}

extension HTTPClientResponse {
  /// The body parsed as a JSON object.
  var json: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]) ?? [:]
  }
}

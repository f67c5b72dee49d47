import Foundation
import Sandbox
import Wire

/// The lab server's line to one learner's metrics agent (`sidecarlab metrics`, its HTTP API
/// is `Metrics.MetricsAPI`): found through the sandbox status — the container whose role is
/// `metrics`, its port `http` — and spoken to over loopback with short deadlines and a bounded
/// answer. A sandbox that is not running is a 409, an agent that is not up or does not answer
/// a 503, each with a message the learner can act on.
struct MetricsAgentClient: Sendable {
  /// The container role and port name of the agent in a sandbox's task definition.
  static let role = "metrics"
  static let portName = "http"
  /// Largest answer taken from the agent (a day of 200 series at 5-minute steps is ~1 MiB).
  static let maxResponseBody = 8 << 20

  /// One pool of keep-alive connections for every learner's agent.
  static let http: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .seconds(2)
    configuration.responseTimeout = .seconds(10)
    configuration.maxResponseBody = maxResponseBody
    return HTTPClient(configuration: configuration)
  }()

  let address: SocketAddress

  /// The agent of the sandbox `status` describes.
  /// - Throws: 409 when there is no running sandbox, 503 when its agent is not running.
  static func locate(in status: SandboxStatus?) throws(HTTPError) -> MetricsAgentClient {
    guard let status, status.phase == .running else {
      throw HTTPError(
        .conflict, "your sandbox is not running; start it on the sandbox page to see metrics")
    }
    guard let process = status.processes.first(where: { $0.role == role }),
      process.pid != nil, let port = process.ports[portName],
      let address = SocketAddress(host: "127.0.0.1", port: port)
    else {
      throw HTTPError(
        .serviceUnavailable, "the metrics agent of your sandbox is not running; try again shortly")
    }
    return MetricsAgentClient(address: address)
  }

  /// Sends a request and reads the whole answer, blocking the calling thread (at most the
  /// client's deadlines).
  /// - Throws: 503 when the agent cannot be reached or answers too much.
  func send(_ method: HTTPMethod = .get, _ target: String, body: [UInt8] = []) throws(HTTPError)
    -> HTTPClientResponse
  {
    var headers: HTTPHeaders = [:]
    if !body.isEmpty { headers.add("Content-Type", "application/json") }
    do {
      return try Self.http.send(
        HTTPClientRequest(method: method, target: target, headers: headers, body: body),
        to: address)
    } catch {
      throw HTTPError(
        .serviceUnavailable, "the metrics agent of your sandbox did not answer (\(error))")
    }
  }

  /// A JSON object the agent answers with 200.
  /// - Throws: the agent's own refusal as an `HTTPError` with its status, 503 otherwise.
  func json(_ target: String) throws(HTTPError) -> [String: Any] {
    let response = try send(.get, target)
    guard response.status.code == 200 else { throw Self.refusal(response) }
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    else { throw HTTPError(.serviceUnavailable, "the metrics agent answered something unreadable") }
    return object
  }

  /// The agent's error answer (plain text `STATUS message`, Wire's plain error page) as an
  /// `HTTPError` with its status and message.
  static func refusal(_ response: HTTPClientResponse) -> HTTPError {
    var message = String(decoding: response.body.prefix(2000), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let code = String(response.status.code)
    if message.hasPrefix(code + " ") { message.removeFirst(code.count + 1) }
    return HTTPError(HTTPStatus(response.status.code), message)
  }
}

import Foundation
import Mesh
import Wire

/// Talks to the sidecars' admin listeners on loopback with short deadlines, so a sidecar that
/// is down or stuck costs the learner a second or two, not a hung page: `POST /config` with a
/// whole document and `GET /stats` (Envoy's `name: value` text).
struct SidecarAdminClient: Sendable {
  /// The one client of this process (its keep-alive pool is shared).
  static let shared = SidecarAdminClient()
  /// Largest `/stats` text read.
  static let maxStatsBytes = 1 << 20

  let client: HTTPClient

  init() {
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .seconds(1)
    configuration.responseTimeout = .seconds(2)
    configuration.maxResponseBody = Self.maxStatsBytes
    configuration.maxIdleConnectionsPerHost = 1
    client = HTTPClient(configuration: configuration)
  }

  /// Sends `document` to the sidecar's `POST /config`. Blocks for at most about 3 s.
  func push(_ document: [UInt8], to sidecar: MeshSidecar) -> MeshPushResult {
    let request = HTTPClientRequest(
      method: .post, target: "/config", headers: ["Content-Type": "application/json"],
      body: document)
    let outcome: MeshPushResult.Outcome
    do {
      let response = try client.send(request, to: sidecar.admin)
      let text = String(decoding: response.body.prefix(500), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
      outcome =
        switch response.status.code {
        case 200...299: .applied
        case 400: .refused(text)
        default: .unreachable("answered \(response.status.code)")
        }
    } catch {
      outcome = .unreachable("\(error)")
    }
    return MeshPushResult(sidecar: sidecar.name, outcome: outcome)
  }

  /// The sidecar's `/stats` text; `nil` when it does not answer 200 in time.
  func stats(of sidecar: MeshSidecar) -> String? {
    guard
      let response = try? client.send(HTTPClientRequest(target: "/stats"), to: sidecar.admin),
      response.status.code == 200
    else { return nil }
    return String(decoding: response.body, as: UTF8.self)
  }
}

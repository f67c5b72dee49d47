import Foundation
import Mesh
import Testing
import Wire

@testable import Web

/// A ``WebServerFixture`` with a sandbox root (no sandbox is started), helpers for the App
/// Mesh API, and a real sidecar admin listener to push documents to.
enum MeshFixture {
  /// The demo mesh's API path.
  static let mesh = WebApp.meshAPIPath + "/meshes/demo"
  static let route = mesh + "/virtualRouter/unicorn-router/routes/unicorn-route"

  /// Runs `body` with `sandboxRoot` set inside the fixture's folder and `labs` written.
  static func with(
    labs: [(id: String, text: String)] = [], _ body: (WebServerFixture) async throws -> Void
  ) async throws {
    try await WebServerFixture.with(
      configure: { configuration in
        configuration.sandboxRoot = configuration.dataFolder + "/sandboxes"
        for lab in labs {
          let folder = configuration.labsFolder + "/" + lab.id
          try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
          try? lab.text.write(toFile: folder + "/lab.md", atomically: true, encoding: .utf8)
        }
      }, body)
  }

  /// A learner joined through the API: bearer token and id.
  static func learner(_ fixture: WebServerFixture, name: String) async throws -> (
    token: String, id: Int64
  ) {
    let (token, id) = try await SandboxWebFixture.learner(fixture, name: name)
    return (token, Int64(id))
  }

  /// The learner's saved document file, `nil` while they have none.
  static func saved(_ fixture: WebServerFixture, learnerID: Int64) throws -> MeshDocument? {
    let sandboxes = try #require(fixture.app.sandboxes)
    return try sandboxes.mesh(learnerID: learnerID).file.read()
  }

  /// An UpdateRoute body: the demo route's targets with `weights`, and `retry` as its policy.
  static func routeBody(v1: Int = 90, v2: Int = 10, retry: String? = nil) -> String {
    var http = """
      "match": {"prefix": "/"}, "action": {"weightedTargets": [\
      {"virtualNode": "unicorn-v1", "weight": \(v1)}, {"virtualNode": "unicorn-v2", "weight": \(v2)}]}
      """
    if let retry { http += #", "retryPolicy": \#(retry)"# }
    return #"{"spec": {"httpRoute": {\#(http)}}, "clientToken": "token-1"}"#
  }

  /// Two retries on server errors, 500 ms per try.
  static let retryPolicy =
    #"{"maxRetries": 2, "perRetryTimeout": {"value": 500, "unit": "ms"}, "httpRetryEvents": ["server-error"]}"#

  /// A path inside a JSON object: keys, and integers for list elements.
  static func value(_ object: Any?, _ path: Any...) -> Any? {
    var current = object
    for step in path {
      if let key = step as? String {
        current = (current as? [String: Any])?[key]
      } else if let index = step as? Int, let list = current as? [Any], list.indices.contains(index)
      {
        current = list[index]
      } else {
        return nil
      }
    }
    return current
  }
}

/// A real sidecar admin listener (`Mesh.AdminServer` with a `ConfigReloader` of node `swan`)
/// on 127.0.0.1:0: it validates what is pushed to `POST /config` and shows the document in
/// force at `/config_dump`.
final class MeshSidecarAdmin: Sendable {
  let reloader: ConfigReloader
  let server: AdminServer
  let name: String

  init(name: String = "swan-envoy", node: String = "swan", stats: ProxyStats = ProxyStats())
    throws
  {
    self.name = name
    reloader = ConfigReloader(document: .demo, node: node, proxies: [])
    server = try AdminServer(
      address: SocketAddress("127.0.0.1:0")!, stats: stats,
      configDump: { [reloader] in reloader.configDump() }, extraRoutes: [reloader.route])
  }

  var sidecar: MeshSidecar { MeshSidecar(name: name, admin: server.address) }

  /// The document the sidecar has in force.
  var inForce: MeshDocument { get throws { try MeshDocument(json: reloader.configDump()) } }

  /// Stops on a thread of its own (stopping waits).
  func stop() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      Thread.detachNewThread {
        self.server.stop()
        continuation.resume()
      }
    }
  }
}

import Foundation
import Mesh
import Sandbox
import Testing
import Wire

@testable import Web

/// The mesh with a real sandbox: the agent runs a real `sidecarlab proxy` reading the learner's
/// saved document, a change through the App Mesh API reaches it through its admin
/// `POST /config`, and the sandbox page's section reads its stats.
@Suite struct MeshSandboxTests {
  /// One sidecar, as the demo sandbox runs them: the swan node's proxy reading
  /// `../mesh/mesh.json`, with its admin listener on the port named `admin`.
  static let definition = TaskDefinition(
    family: "mesh-test", revision: 1,
    containers: [
      ContainerDefinition(
        name: "swan-envoy", role: MeshSidecar.role,
        command: [
          "{bin}", "proxy", "--config", "../mesh/mesh.json", "--node", "swan", "--listen",
          "127.0.0.1:{port:ingress}", "--admin", "127.0.0.1:{port:admin}", "--access-log", "off",
        ],
        ports: ["ingress", MeshSidecar.adminPort],
        healthCheck: HealthCheckDefinition(
          path: "/ready", port: MeshSidecar.adminPort, intervalMillis: 200, startPeriodMillis: 0))
    ])

  @Test func meshAPI_pushesAChangeToTheSandboxsLiveSidecar() async throws {
    try await SandboxWebFixture.with { fixture in
      let ann = try await MeshFixture.learner(fixture, name: "Ann")
      let sandboxes = try #require(fixture.app.sandboxes)
      try sandboxes.ensureMeshDocument(learnerID: ann.id)
      let id = SandboxService.sandboxID(learnerID: ann.id)
      try await BlockingWork.run {
        try sandboxes.agent.start(sandboxID: id, definition: Self.definition)
      }
      let client = HTTPClient()
      defer { client.close() }
      do {
        try await SandboxWebFixture.waitUntil("the sidecar's admin is ready", seconds: 30) {
          guard let sidecar = MeshSidecar.live(in: sandboxes.status(learnerID: ann.id)).first else {
            return false
          }
          let ready = try? await client.send(HTTPClientRequest(target: "/ready"), to: sidecar.admin)
          return ready?.status.code == 200
        }
      } catch {
        let status = sandboxes.status(learnerID: ann.id, logLines: 20)
        Issue.record("the sidecar never answered: \(String(describing: status))")
        throw error
      }
      let sidecar = try #require(MeshSidecar.live(in: sandboxes.status(learnerID: ann.id)).first)

      let updated = try await fixture.api(
        .put, MeshFixture.route, json: MeshFixture.routeBody(retry: MeshFixture.retryPolicy),
        bearer: ann.token)
      #expect(updated.status == 200)
      let pushes = updated.object["sidecars"] as? [[String: Any]] ?? []
      #expect(pushes.map { $0["sidecar"] as? String } == ["swan-envoy"])
      #expect(pushes.map { $0["status"] as? String } == ["applied"], "\(pushes)")

      let dump = try await client.send(HTTPClientRequest(target: "/config_dump"), to: sidecar.admin)
      let inForce = try MeshDocument(json: dump.body)
      #expect(inForce.routes.first?.httpRoute.retryPolicy?.maxRetries == 2)

      let section = await MeshSection.load(sandboxes.mesh(learnerID: ann.id))
      #expect(section.sidecars.map(\.name) == ["swan-envoy"])
      #expect(section.sidecars.first?.stats != nil)
      #expect(section.html.contains("2 on server-error, 500ms per try"))
    }
  }
}

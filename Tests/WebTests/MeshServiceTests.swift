import Foundation
import Mesh
import Testing
import Wire

@testable import Web

/// `MeshService` against real sidecar admin listeners: a change is validated whole, saved
/// atomically, pushed to every live sidecar with each one's answer reported, and writers of
/// one document are serialized.
@Suite struct MeshServiceTests {
  /// A service on a document file in `folder` with `sidecars` live.
  static func service(_ folder: TemporaryFolder, _ sidecars: [MeshSidecar]) -> MeshService {
    MeshService(
      file: MeshDocumentFile(path: folder.path + "/learner-1/mesh/mesh.json"),
      defaultDocument: .demo, sidecars: { sidecars })
  }

  /// Adds a retry policy to the demo route.
  static func addRetries(_ document: inout MeshDocument) {
    document.routes[0].httpRoute.retryPolicy = RetryPolicyConfig(
      maxRetries: 3, perRetryTimeout: .milliseconds(250), events: [.serverError, .gatewayError])
  }

  /// An address nothing listens on: a port the kernel gave and that was closed again.
  static func deadAddress() throws -> SocketAddress {
    let admin = try MeshSidecarAdmin()
    let address = admin.server.address
    admin.server.stop()
    return address
  }

  @Test func meshService_savesAndPushesToEveryLiveSidecarReportingEachAnswer() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let admin = try MeshSidecarAdmin()
    let dead = MeshSidecar(name: "unicorn-v2-envoy", admin: try Self.deadAddress())
    let service = Self.service(folder, [admin.sidecar, dead])
    let update = try await BlockingWork.run { try service.update(Self.addRetries) }
    #expect(update.pushes.map(\.sidecar) == ["swan-envoy", "unicorn-v2-envoy"])
    #expect(update.pushes.map(\.status) == ["applied", "unreachable"])
    #expect(try admin.inForce.routes[0].httpRoute.retryPolicy?.maxRetries == 3)
    #expect(try service.document().routes[0].httpRoute.retryPolicy?.maxRetries == 3)
    let mode = try FileManager.default.attributesOfItem(atPath: service.file.path)[
      .posixPermissions]
    #expect(mode as? Int == 0o644)
    await admin.stop()
  }

  @Test func meshService_keepsTheSavedDocumentWhenASidecarRefusesIt() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let admin = try MeshSidecarAdmin()
    let service = Self.service(folder, [admin.sidecar])
    // Valid as a mesh, but this sidecar's node is gone: it cannot compile its routes.
    let update = try await BlockingWork.run {
      try service.update { document in
        document.virtualNodes.removeAll { $0.virtualNodeName == "swan" }
        document.virtualServices.removeAll { $0.virtualServiceName == "swan.demo.local" }
      }
    }
    #expect(update.pushes.map(\.status) == ["refused"])
    #expect(update.pushes.first?.summary.contains("swan") == true)
    #expect(try service.document().virtualNode(named: "swan") == nil)
    #expect(try admin.inForce.virtualNode(named: "swan") != nil)
    await admin.stop()
  }

  @Test func meshService_refusesAnInvalidChangeWithoutSavingOrPushing() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let admin = try MeshSidecarAdmin()
    let service = Self.service(folder, [admin.sidecar])
    try service.ensureDocument()
    let before = try Data(contentsOf: URL(fileURLWithPath: service.file.path))
    await #expect(throws: MeshConfigError.self) {
      try await BlockingWork.run {
        try service.update { $0.routes[0].httpRoute.weightedTargets[0].weight = 500 }
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: service.file.path)) == before)
    #expect(try admin.inForce == MeshDocument.demo)
    await admin.stop()
  }

  @Test func meshService_ensureDocumentWritesTheDefaultOnlyWhenMissing() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let service = Self.service(folder, [])
    #expect(try service.file.read() == nil)
    #expect(service.lastSaved() == nil)
    try service.ensureDocument()
    #expect(try service.file.read() == MeshDocument.demo)
    _ = try service.update(Self.addRetries)
    try service.ensureDocument()
    #expect(try service.file.read()?.routes[0].httpRoute.retryPolicy != nil)
    #expect(service.lastSaved() != nil)
  }

  @Test func meshService_serializesConcurrentWritersOfOneDocument() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let service = Self.service(folder, [])
    _ = try await BlockingWork.run {
      try service.update { $0.routes[0].httpRoute.weightedTargets[1].weight = 0 }
    }
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<20 {
        group.addTask {
          _ = try await BlockingWork.run {
            try service.update { $0.routes[0].httpRoute.weightedTargets[1].weight += 1 }
          }
        }
      }
      try await group.waitForAll()
    }
    #expect(try service.document().routes[0].httpRoute.weightedTargets[1].weight == 20)
  }

  @Test func meshService_aBrokenSavedDocumentIsAServerErrorNotADefault() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let service = Self.service(folder, [])
    try service.ensureDocument()
    try Data("{\"mesh\": 1}".utf8).write(to: URL(fileURLWithPath: service.file.path))
    #expect(throws: HTTPError.self) { try service.document() }
  }
}

import Mesh
import Wire

/// The learner's mesh lives in their sandbox's folder, `mesh/mesh.json`
/// (``SandboxService/telemetryPath(learnerID:file:)``), where every sidecar reads it at start.
extension SandboxService: MeshDocumentSource {
  /// The document's file, under the folder the sidecars' `--config ../mesh/mesh.json` names.
  static let meshFileName = "mesh/mesh.json"

  /// The learner's mesh: their document and their sandbox's live sidecars.
  func mesh(learnerID: Int64) -> MeshService {
    MeshService(
      file: MeshDocumentFile(path: telemetryPath(learnerID: learnerID, file: Self.meshFileName)),
      defaultDocument: .demo,
      sidecars: { [self] in MeshSidecar.live(in: status(learnerID: learnerID)) })
  }

  /// Writes the default mesh document when the learner has none; call before every sandbox
  /// start, so the sidecars find a document.
  func ensureMeshDocument(learnerID: Int64) throws(HTTPError) {
    try mesh(learnerID: learnerID).ensureDocument()
  }

  func meshDocument(learnerID: Int64) throws -> MeshDocument {
    try mesh(learnerID: learnerID).document()
  }
}

import Mesh

/// Finds a learner's current mesh document (the sandbox service in the server, a fixed one in
/// tests), for the `mesh-config` check.
protocol MeshDocumentSource: Sendable {
  /// The learner's document: the one they saved, or the sandbox's default.
  /// - Throws: when a saved document cannot be read.
  func meshDocument(learnerID: Int64) throws -> MeshDocument
}

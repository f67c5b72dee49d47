import Mesh
import Wire

/// One learner's mesh (issue 6 item 5): the document in their sandbox's folder (the default
/// document while none is saved) and the live sidecars that enforce it. Every change goes
/// through ``update(_:)``: the whole changed document is validated, written atomically, then
/// pushed to each live sidecar's admin `POST /config`; a sidecar that refuses or cannot be
/// reached is reported, and the saved document stays. Writers of one document are serialized.
///
/// The methods block (file and loopback I/O): call them through `BlockingWork.run`.
struct MeshService: Sendable {
  /// What an accepted change left: the saved document and what each sidecar said to it.
  struct Update: Sendable {
    let document: MeshDocument
    let pushes: [MeshPushResult]
  }

  let file: MeshDocumentFile
  /// The sandbox's document until the learner saves one (`MeshDocument.demo` in the server).
  let defaultDocument: MeshDocument
  /// The sandbox's live sidecars, asked at each push.
  let sidecars: @Sendable () -> [MeshSidecar]
  var admin = SidecarAdminClient.shared

  /// The learner's current document: the saved one, or the default.
  func document() throws(HTTPError) -> MeshDocument {
    try file.read() ?? defaultDocument
  }

  /// When the current document was last saved (Unix seconds); `nil` while it is the default.
  func lastSaved() -> Double? { file.modified() }

  /// Writes the default document when none is saved, so the sidecars find one at start.
  func ensureDocument() throws(HTTPError) {
    try MeshWriterLocks.withLock(path: file.path) { () throws(HTTPError) in
      if try file.read() == nil { try file.write(defaultDocument) }
    }
  }

  /// Applies `change` to the current document, validates the result as a whole, saves it and
  /// pushes it to every live sidecar.
  /// - Throws: what `change` throws, or the `MeshConfigError` naming the first invalid field;
  ///   either way nothing is saved or pushed. `HTTPError` 500 when the file fails.
  func update(_ change: (inout MeshDocument) throws -> Void) throws -> Update {
    try MeshWriterLocks.withLock(path: file.path) {
      var document = try document()
      try change(&document)
      try document.validate()
      try file.write(document)
      let bytes = document.jsonBytes()
      return Update(document: document, pushes: sidecars().map { admin.push(bytes, to: $0) })
    }
  }

  /// Each live sidecar's `/stats` text, `nil` for one that did not answer.
  func sidecarStats() -> [(sidecar: MeshSidecar, stats: String?)] {
    sidecars().map { ($0, admin.stats(of: $0)) }
  }
}

import Foundation
import Glibc
import Mesh
import Wire

/// A learner's mesh document on disk, `<sandbox>/mesh/mesh.json`, the file every sidecar reads
/// at start (`--config ../mesh/mesh.json`). Writes are atomic: the new text goes to a temporary
/// file in the same folder, which `rename(2)` then puts over the old one (POSIX: a reader sees
/// the old file or the new one, never a mix). The file is world-readable (0644), as the
/// sidecars run under the sandbox's own user.
struct MeshDocumentFile: Sendable {
  let path: String

  /// The document in the file; `nil` when there is none yet.
  /// - Throws: 500 when the file cannot be read or no longer validates (logged with the field).
  func read() throws(HTTPError) -> MeshDocument? {
    guard access(path, F_OK) == 0 else { return nil }
    guard let data = FileManager.default.contents(atPath: path),
      data.count <= MeshDocument.maximumSize
    else { throw Self.failure("cannot read \(path)") }
    do {
      return try MeshDocument(json: Array(data))
    } catch {
      throw Self.failure("\(path) is not a valid mesh document: \(error)")
    }
  }

  /// When the file was last written (Unix seconds); `nil` when there is none.
  func modified() -> Double? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
  }

  /// Writes `document` in place of the file's content, creating its folder when missing.
  func write(_ document: MeshDocument) throws(HTTPError) {
    let folder = (path as NSString).deletingLastPathComponent
    let temporary = "\(path).\(UUID().uuidString).tmp"
    do {
      try FileManager.default.createDirectory(
        atPath: folder, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o755])
    } catch {
      throw Self.failure("cannot create \(folder): \(error)")
    }
    guard
      FileManager.default.createFile(
        atPath: temporary, contents: Data(document.jsonBytes()),
        attributes: [.posixPermissions: 0o644])
    else { throw Self.failure("cannot write \(temporary)") }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw Self.failure("cannot rename \(temporary) to \(path): \(reason)")
    }
  }

  /// Logs a failure the learner cannot act on and answers a 500 that reveals nothing.
  private static func failure(_ detail: String) -> HTTPError {
    logToStandardError("web: mesh document: \(detail)")
    return HTTPError(.internalServerError, "your mesh document could not be read or saved")
  }
}

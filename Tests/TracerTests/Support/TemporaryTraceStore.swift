import Foundation
import Tracer

/// A trace store in a fresh temporary folder, removed by `remove()`.
struct TemporaryTraceStore {
  let folder: URL
  let store: TraceStore

  init(retentionSegments: Int = 1_000_000) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tracer-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    store = try TraceStore(
      path: folder.appendingPathComponent("traces.sqlite").path,
      retentionSegments: retentionSegments)
  }

  func remove() {
    store.close()
    try? FileManager.default.removeItem(at: folder)
  }
}

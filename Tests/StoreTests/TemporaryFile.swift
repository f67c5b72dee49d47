import Foundation

/// A unique path under the temporary directory for a database file.
struct TemporaryFile {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("store-test-\(UUID().uuidString).sqlite").path

  /// Deletes the database and the files SQLite keeps beside it.
  func remove() {
    for suffix in ["", "-wal", "-shm", "-journal"] {
      try? FileManager.default.removeItem(atPath: path + suffix)
    }
  }
}

import Foundation

/// What a child process wrote to one stream, through a temporary file rather than a pipe: no
/// reader thread and no `readabilityHandler`, whose descriptor handling in Foundation on Linux
/// can close a descriptor twice under load (another test's socket then fails with EBADF).
final class OutputBuffer: Sendable {
  let path: String
  let handle: FileHandle

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("sidecarlab-output-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CocoaError(.fileWriteUnknown) }
    self.handle = handle
  }

  /// The complete lines so far.
  var lines: [String] {
    guard let bytes = FileManager.default.contents(atPath: path), let last = bytes.lastIndex(of: 10)
    else { return [] }
    return bytes[..<last].split(separator: 10, omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// Closes the file and removes it.
  func remove() {
    try? handle.close()
    try? FileManager.default.removeItem(atPath: path)
  }
}

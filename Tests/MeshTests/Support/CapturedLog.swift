import Synchronization

/// Lines written by a proxy's access log, kept for a test to read.
final class CapturedLog: Sendable {
  private let storage = Mutex<[String]>([])

  func append(_ text: String) {
    storage.withLock { $0 += text.split(separator: "\n").map(String.init) }
  }

  var lines: [String] { storage.withLock { $0 } }
}

import Synchronization

/// Bytes a child process wrote to one pipe, collected as they come.
final class OutputBuffer: Sendable {
  private let bytes = Mutex<[UInt8]>([])

  func append(_ more: some Sequence<UInt8>) { bytes.withLock { $0.append(contentsOf: more) } }

  /// The complete lines so far.
  var lines: [String] {
    bytes.withLock { bytes in
      guard let last = bytes.lastIndex(of: 10) else { return [] }
      return bytes[..<last].split(separator: 10, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
      }
    }
  }
}

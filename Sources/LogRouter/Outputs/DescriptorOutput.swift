import Glibc
import Wire

/// Appends each chunk's JSON lines to a descriptor: a file opened with `O_APPEND` (`file`) or
/// standard output (`stdout`). A failed or short write is retried from where it stopped.
final class DescriptorOutput: OutputPlugin {
  private let descriptor: Int32
  private let owned: Bool

  /// Standard output.
  init() {
    descriptor = 1
    owned = false
  }

  /// The file at `path`, created when missing.
  init(path: String) throws(SystemCallError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw SystemCallError("open \(path)", errno: errno) }
    self.descriptor = descriptor
    owned = true
  }

  func deliver(_ chunk: Chunk) -> OutputResult {
    var written = 0
    while written < chunk.bytes.count {
      let count = chunk.bytes.withUnsafeBytes { raw in
        write(descriptor, raw.baseAddress! + written, raw.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .retry("write: \(String(cString: strerror(errno)))")
      }
      written += count
    }
    return .ok
  }

  func close() {
    if owned { Glibc.close(descriptor) }
  }
}

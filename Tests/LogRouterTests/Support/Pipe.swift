import Glibc

/// A pipe whose ends are close-on-exec (a child gets the read end only through an explicit
/// `dup2`), with a writer that blocks when the pipe is full — as a producing process would.
final class Pipe: Sendable {
  let readEnd: Int32
  let writeEnd: Int32

  init() {
    var ends: [Int32] = [0, 0]
    precondition(pipe(&ends) == 0)
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    readEnd = ends[0]
    writeEnd = ends[1]
  }

  /// Writes all of `bytes`; false when the reader is gone.
  @discardableResult
  func write(_ bytes: [UInt8]) -> Bool {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        Glibc.write(writeEnd, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return false
      }
      written += count
    }
    return true
  }

  func closeWriteEnd() { close(writeEnd) }
  func closeReadEnd() { close(readEnd) }
}

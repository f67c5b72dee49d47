import Glibc

/// Standard output or standard error, one whole line per `write` call, so lines from several
/// threads do not interleave (a pipe keeps writes up to `PIPE_BUF` bytes atomic).
public enum StandardStream: Int32, Sendable {
  case standardOutput = 1
  case standardError = 2

  /// Writes `line` and a newline.
  public func writeLine(_ line: some Collection<UInt8>) {
    var bytes = Array(line)
    bytes.append(10)
    bytes.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = write(rawValue, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += written
      }
    }
  }

  public func writeLine(_ line: String) { writeLine(line.utf8) }
}

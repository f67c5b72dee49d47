import Glibc

/// The three ways ``StaticFiles`` touches the disk: resolving a path inside the root,
/// comparing a file's identity, and reading it whole.
extension StaticFiles {
  /// The real path of `path` below the root, following symlinks only while the result stays
  /// inside the root's real path and names no hidden segment; `nil` (404) otherwise.
  func resolve(_ path: StaticPath) -> String? {
    guard let prefix = rootPrefix, let real = Self.realPath(prefix + path.relative),
      real.utf8.starts(with: prefix.utf8),
      !real.utf8.dropFirst(prefix.utf8.count).split(separator: UInt8(ascii: "/"))
        .contains(where: { $0.first == UInt8(ascii: ".") })
    else { return nil }
    return real
  }

  /// The identity of the regular file at `real`, or `nil` when it is gone or not a regular file.
  func identity(of real: String) -> StaticFileIdentity? {
    var status = stat()
    guard stat(real, &status) == 0 else { return nil }
    return StaticFileIdentity(status)
  }

  /// Reads the regular file at `real` whole: opened without following a final symlink and
  /// non-blocking (so a FIFO cannot hang the loop), checked with `fstat`, at most
  /// ``maxServedBytes`` read. A file that shrinks while being read yields what was there.
  func read(_ real: String) -> (StaticFileIdentity, [UInt8])? {
    let fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var status = stat()
    guard fstat(fd, &status) == 0, let identity = StaticFileIdentity(status),
      identity.size <= Self.maxServedBytes
    else { return nil }
    var body = [UInt8](repeating: 0, count: identity.size)
    var filled = 0
    while filled < body.count {
      let count = body.withUnsafeMutableBytes { buffer in
        Glibc.read(fd, buffer.baseAddress! + filled, buffer.count - filled)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    body.removeLast(body.count - filled)
    return (identity, body)
  }

  /// `realpath(3)` as a Swift string, or `nil` when any component is missing or unreadable.
  static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }
}

import Glibc

/// What tells one version of a file from another: device, inode, size and modification time.
/// A cached entry stays valid while a fresh `stat` of its path gives the same identity.
struct StaticFileIdentity: Equatable, Sendable {
  let device: UInt64
  let inode: UInt64
  let size: Int
  /// Modification time in nanoseconds since the Unix epoch.
  let modified: Int64

  /// The identity of a regular file, or `nil` for anything else (directories, FIFOs, devices).
  init?(_ status: stat) {
    guard status.st_mode & S_IFMT == S_IFREG else { return nil }
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
    size = Int(status.st_size)
    modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
  }

  /// Whole seconds of the modification time, as `Last-Modified` carries them (RFC 9110 §8.8.2).
  var modifiedSeconds: Int { Int(modified / 1_000_000_000) }

  /// A strong validator (RFC 9110 §8.8.3) that changes whenever inode, size or mtime do:
  /// `"<inode hex>-<size hex>-<mtime ns hex>"`.
  var entityTag: String {
    "\"\(String(inode, radix: 16))-\(String(size, radix: 16))-\(String(modified, radix: 16))\""
  }
}

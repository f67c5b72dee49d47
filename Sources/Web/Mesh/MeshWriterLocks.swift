import Foundation

/// Serializes the writers of one mesh document file: a read, change, write and push happen
/// under one lock, so two edits of the same learner never interleave and the sidecars end with
/// the last document written. Files share one of ``count`` locks by the hash of their path, so
/// two learners now and then wait for each other's short write.
enum MeshWriterLocks {
  static let count = 64
  private static let locks = (0..<count).map { _ in NSLock() }

  /// Runs `body` holding the lock of `path`. Blocks: call it off the concurrency pool.
  static func withLock<T, Failure: Error>(path: String, _ body: () throws(Failure) -> T)
    throws(Failure) -> T
  {
    let lock = locks[Int(UInt(bitPattern: path.hashValue) % UInt(count))]
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}

import Foundation

/// Runs work that blocks for seconds (stopping a sandbox waits out its grace period) on a
/// thread of its own, so the concurrency pool that runs every other request stays free.
enum BlockingWork {
  static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
    }
  }
}

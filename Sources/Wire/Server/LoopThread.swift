import CLinux
import Glibc

/// Starts a POSIX thread running `body`; `join()` waits for it.
///
/// Threads are started from a nonisolated function so the closure never inherits
/// `@MainActor` from top-level code (which would trap at run time).
final class LoopThread: Sendable {
  private final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  private let thread: pthread_t

  nonisolated init(name: String, _ body: @escaping @Sendable () -> Void) {
    var thread = pthread_t()
    let threadName = String(name.prefix(15))
    let box = Unmanaged.passRetained(
      Box {
        _ = clinux_set_thread_name(threadName)
        body()
      }
    ).toOpaque()
    let result = pthread_create(
      &thread, nil,
      { argument in
        let box = Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue()
        box.body()
        return nil
      }, box)
    precondition(result == 0, "pthread_create failed: \(result)")
    self.thread = thread
  }

  func join() {
    pthread_join(thread, nil)
  }

  /// Runs `body` on a new thread that cleans up after itself (nobody joins it).
  static func detached(name: String, _ body: @escaping @Sendable () -> Void) {
    pthread_detach(LoopThread(name: name, body).thread)
  }
}

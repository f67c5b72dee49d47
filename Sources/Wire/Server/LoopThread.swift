import CLinux
import Glibc

/// Starts a POSIX thread running `body`; `join()` waits for it. The server's loops, the
/// client's blocking calls and the proxy's loops all run on these.
///
/// Threads are started from a nonisolated function so the closure never inherits
/// `@MainActor` from top-level code (which would trap at run time).
public final class LoopThread: Sendable {
  private final class Box {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  private let thread: pthread_t

  /// Starts the thread; `name` (at most 15 bytes kept) shows in `top -H` and `/proc`.
  public nonisolated init(name: String, _ body: @escaping @Sendable () -> Void) {
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

  /// Waits for the thread to return; call at most once, and never for a detached thread.
  public func join() {
    pthread_join(thread, nil)
  }

  /// Runs `body` on a new thread that cleans up after itself (nobody joins it).
  public static func detached(name: String, _ body: @escaping @Sendable () -> Void) {
    pthread_detach(LoopThread(name: name, body).thread)
  }
}

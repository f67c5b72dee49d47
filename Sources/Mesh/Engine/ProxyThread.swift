import CLinux
import Glibc

/// A POSIX thread for one proxy loop. Started from a nonisolated initializer, so the body never
/// inherits `@MainActor` from the command's top-level code.
final class ProxyThread: Sendable {
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
        Unmanaged<Box>.fromOpaque(argument!).takeRetainedValue().body()
        return nil
      }, box)
    precondition(result == 0, "pthread_create failed: \(result)")
    self.thread = thread
  }

  func join() { pthread_join(thread, nil) }
}

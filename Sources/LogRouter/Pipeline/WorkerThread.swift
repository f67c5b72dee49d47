import Dispatch
import Foundation

/// A thread running one blocking loop (an input's reads, an output's deliveries), which
/// `join()` waits for. Started from a nonisolated initializer, so the closure never
/// inherits the main actor.
final class WorkerThread: Sendable {
  private let done = DispatchSemaphore(value: 0)

  nonisolated init(name: String, _ body: @escaping @Sendable () -> Void) {
    let done = done
    let thread = Thread {
      body()
      done.signal()
    }
    thread.name = name
    thread.start()
  }

  /// Waits until the loop has returned (any number of times).
  func join() {
    done.wait()
    done.signal()
  }
}

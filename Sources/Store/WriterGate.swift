import Dispatch
import Glibc
import Synchronization

/// Lets one `Database.write` at a time hold the writer connection. Waiting is bounded by the
/// busy timeout, and a nested `write` on the thread that already holds the gate is refused
/// instead of deadlocking.
final class WriterGate: Sendable {
  private let turn = DispatchSemaphore(value: 1)
  private let holder = Mutex<pthread_t?>(nil)
  private let timeoutMilliseconds: Int32

  init(timeoutMilliseconds: Int32) {
    self.timeoutMilliseconds = timeoutMilliseconds
  }

  func enter() throws(StoreError) {
    let me = pthread_self()
    guard holder.withLock({ $0 != me }) else {
      throw StoreError.misuse(
        "write called inside write on the same thread; use the outer Connection")
    }
    guard turn.wait(timeout: .now() + .milliseconds(Int(timeoutMilliseconds))) == .success else {
      throw StoreError.busy("no turn at the writer within \(timeoutMilliseconds) ms")
    }
    holder.withLock { $0 = me }
  }

  func leave() {
    holder.withLock { $0 = nil }
    turn.signal()
  }
}

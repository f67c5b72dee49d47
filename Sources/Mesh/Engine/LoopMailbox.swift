import CLinux
import Glibc
import Synchronization
import Wire

/// The thread-safe door into one proxy loop: other threads queue jobs (stop, stats snapshots,
/// configuration swaps) and wake the loop through an eventfd it watches.
final class LoopMailbox: Sendable {
  typealias Job = @Sendable (ProxyLoop) -> Void

  let wakeDescriptor: Int32
  private let jobs = Mutex<[Job]>([])

  init() throws(SystemCallError) {
    wakeDescriptor = try systemCall("eventfd") { clinux_eventfd() }
  }

  deinit { close(wakeDescriptor) }

  /// Runs `job` on the loop's thread soon. Safe from any thread.
  func post(_ job: @escaping Job) {
    let first = jobs.withLock { queue in
      queue.append(job)
      return queue.count == 1
    }
    if first {
      var one: UInt64 = 1
      _ = write(wakeDescriptor, &one, 8)
    }
  }

  /// Takes every queued job (on the loop thread, after a wake-up).
  func drain() -> [Job] {
    var counter: UInt64 = 0
    _ = read(wakeDescriptor, &counter, 8)
    return jobs.withLock { queue in
      let taken = queue
      queue.removeAll(keepingCapacity: true)
      return taken
    }
  }
}

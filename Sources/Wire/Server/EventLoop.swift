import CLinux
import Glibc
import Synchronization

/// The thread-safe face of one event loop: other threads hand it work through a mailbox
/// and wake it with an eventfd. Everything else about the loop (its connections, buffers,
/// timers) lives in a ``LoopRunner`` that only the loop's own thread ever touches.
final class EventLoop: Sendable {
  typealias Job = @Sendable (LoopRunner) -> Void

  let epoll: Int32
  let wakeDescriptor: Int32
  private let mailbox = Mutex<[Job]>([])

  init() throws(SystemCallError) {
    epoll = try systemCall("epoll_create1") { clinux_epoll_create() }
    wakeDescriptor = try systemCall("eventfd") { clinux_eventfd() }
    try systemCall("epoll_ctl") {
      clinux_epoll_ctl(
        epoll, CLINUX_EPOLL_CTL_ADD, wakeDescriptor, CLINUX_EPOLLIN, LoopRunner.wakeToken)
    }
  }

  /// Runs `job` on the loop's thread, soon. Safe from any thread.
  func execute(_ job: @escaping Job) {
    let wasEmpty = mailbox.withLock { jobs in
      jobs.append(job)
      return jobs.count == 1
    }
    if wasEmpty {
      var one: UInt64 = 1
      _ = write(wakeDescriptor, &one, 8)
    }
  }

  /// Takes every queued job (called by the loop thread after a wake-up).
  func drainMailbox() -> [Job] {
    var counter: UInt64 = 0
    _ = read(wakeDescriptor, &counter, 8)
    return mailbox.withLock { jobs in
      let taken = jobs
      jobs.removeAll(keepingCapacity: true)
      return taken
    }
  }

  deinit {
    close(epoll)
    close(wakeDescriptor)
  }
}

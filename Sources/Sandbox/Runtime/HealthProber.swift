import Foundation
import Synchronization

/// A fixed pool of threads for blocking health checks, so that checks never block the
/// agent's loop and never start a thread each. Jobs wait in a FIFO queue; the agent keeps
/// at most one check per process in flight, which bounds the queue by the process count.
final class HealthProber: Sendable {
  private let queue = Mutex<(jobs: [@Sendable () -> Void], open: Bool)>(([], true))
  private let ready = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  let workers: Int

  init(workers: Int) {
    self.workers = max(1, workers)
    for index in 0..<self.workers {
      let thread = Thread { [self] in work() }
      thread.name = "health-\(index)"
      thread.start()
    }
  }

  func submit(_ job: @escaping @Sendable () -> Void) {
    let accepted = queue.withLock { queue in
      guard queue.open else { return false }
      queue.jobs.append(job)
      return true
    }
    if accepted { ready.signal() }
  }

  /// Lets queued jobs finish, then ends the workers and waits for them.
  func shutdown() {
    queue.withLock { $0.open = false }
    for _ in 0..<workers { ready.signal() }
    for _ in 0..<workers { finished.wait() }
  }

  private func work() {
    while true {
      ready.wait()
      let job = queue.withLock { queue -> (@Sendable () -> Void)? in
        queue.jobs.isEmpty ? nil : queue.jobs.removeFirst()
      }
      guard let job else { break }
      job()
    }
    finished.signal()
  }
}

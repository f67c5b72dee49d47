import Dispatch
import Foundation
import Synchronization
import Wire

/// One background thread that runs `work` every `interval` until ``stop()``; the wait doubles as
/// the stop signal, so stopping never waits out a whole interval.
final class ProgressTicker: Sendable {
  private let interval: Duration
  private let work: @Sendable () -> Void
  private let stopSignal = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)
  /// `nil` before start, `true` while running, `false` once stopped.
  private let running = Mutex<Bool?>(nil)

  init(interval: Duration, work: @escaping @Sendable () -> Void) {
    self.interval = interval
    self.work = work
  }

  /// Starts the thread; later calls do nothing.
  func start() {
    let starts = running.withLock { state -> Bool in
      guard state == nil else { return false }
      state = true
      return true
    }
    guard starts else { return }
    let nanoseconds = Int(interval.nanoseconds)
    Thread.detachNewThread { [self] in
      while stopSignal.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .timedOut {
        work()
      }
      finished.signal()
    }
  }

  /// Stops the thread and waits for a running `work` to end; later calls do nothing.
  func stop() {
    let wasRunning = running.withLock { state in
      defer { state = false }
      return state == true
    }
    guard wasRunning else { return }
    stopSignal.signal()
    finished.wait()
  }
}

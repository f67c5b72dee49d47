import Dispatch
import Foundation

@testable import Store

/// Holds a write transaction of `database` open on its own thread until `finish()`, after
/// running `sql` inside it, so a test can watch other callers meet the lock.
final class HeldWrite: Sendable {
  private let held = DispatchSemaphore(value: 0)
  private let letGo = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  init(_ database: Database, running sql: String = "SELECT 1") {
    Thread.detachNewThread { [held, letGo, finished] in
      _ = try? database.write { connection in
        try connection.execute(sql)
        held.signal()
        _ = letGo.wait(timeout: .now() + 10)
      }
      finished.signal()
    }
  }

  /// True once the transaction is open (waits at most 5 s).
  func waitUntilHeld() -> Bool { held.wait(timeout: .now() + 5) == .success }

  /// Commits the held transaction; true once the thread is done (waits at most 5 s).
  func finish() -> Bool {
    letGo.signal()
    return finished.wait(timeout: .now() + 5) == .success
  }
}

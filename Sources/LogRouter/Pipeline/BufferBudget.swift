import Dispatch
import Synchronization

/// The memory limit of the buffer (`Mem_Buf_Limit`): inputs reserve the bytes of what they
/// queue and outputs release them once delivered. A reservation that does not fit waits —
/// the input stops reading, so the producer's pipe fills and the producer blocks — instead
/// of dropping anything. One reservation is always granted on an empty buffer, so a record
/// larger than the limit still passes.
final class BufferBudget: Sendable {
  let limit: Int
  private let used = Mutex(0)
  private let freed = DispatchSemaphore(value: 0)

  init(limit: Int) { self.limit = limit }

  var usedBytes: Int { used.withLock { $0 } }

  /// Reserves `bytes`, waiting while the buffer is full; `false` when `cancelled` turned true first.
  func reserve(_ bytes: Int, cancelled: () -> Bool) -> Bool {
    while !tryReserve(bytes) {
      if cancelled() { return false }
      _ = freed.wait(timeout: .now() + .milliseconds(20))
    }
    return true
  }

  /// Reserves `bytes` when they fit now.
  func tryReserve(_ bytes: Int) -> Bool {
    used.withLock { used in
      guard used == 0 || used + bytes <= limit else { return false }
      used += bytes
      return true
    }
  }

  /// Counts bytes in without waiting (chunks replayed from disk at start).
  func force(_ bytes: Int) { used.withLock { $0 += bytes } }

  func release(_ bytes: Int) {
    used.withLock { $0 -= bytes }
    freed.signal()
  }
}

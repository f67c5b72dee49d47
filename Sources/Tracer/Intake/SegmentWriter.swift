import Dispatch
import Foundation
import Glibc
import Synchronization
import Wire

/// Moves accepted records into the store off the receiving threads: a bounded queue drained by
/// one writer thread, everything queued at once in one transaction (group commit). A full queue
/// refuses the record and counts it as `dropped_queue_full`; a failed write counts its batch as
/// `dropped_store_error`.
public final class SegmentWriter: Sendable {
  private struct State {
    var queue: [SegmentRecord] = []
    var stopping = false
  }

  public let store: TraceStore
  public let statistics: TracerStatistics
  public let capacity: Int
  /// How long the writer waits after waking for more records to join the batch. Each batch
  /// writes its graph minutes, its traces' start-time index pages and the partly filled last
  /// pages of each table once, whatever its size: 20 ms (about 1,200 records at 60,000 a
  /// second) spreads that over many records while staying far below what a reader notices.
  static let gatherMicroseconds: UInt32 = 20_000
  private let state = Mutex(State())
  private let wakeup = DispatchSemaphore(value: 0)
  /// Signalled when the writer empties a full queue, for a thread in ``waitForRoom()``.
  private let room = DispatchSemaphore(value: 0)
  private let awaitingRoom = Atomic<Bool>(false)
  private let finished = DispatchSemaphore(value: 0)
  private let started = Atomic<Bool>(false)

  public init(store: TraceStore, statistics: TracerStatistics, capacity: Int = 65_536) {
    self.store = store
    self.statistics = statistics
    self.capacity = max(1, capacity)
  }

  /// Records waiting to be written.
  public var queued: Int { state.withLock { $0.queue.count } }

  /// While the queue is full, blocks the calling thread (the daemon's receiver, never a pool
  /// thread) until the writer takes the queue, for at most 100 ms: datagrams then wait in the
  /// socket's buffer, or the kernel drops them (counted from SO_RXQ_OVFL), rather than each
  /// costing a decode only to be dropped here, which would take the writer's CPU when it is the
  /// one behind.
  /// - Returns: whether there is room.
  public func waitForRoom() -> Bool {
    guard isFull else { return true }
    awaitingRoom.store(true, ordering: .releasing)
    guard isFull else { return true }
    _ = room.wait(timeout: .now() + .milliseconds(100))
    return !isFull
  }

  private var isFull: Bool {
    state.withLock { $0.queue.count >= capacity && !$0.stopping }
  }

  /// Queues `record`, counted as accepted, or as dropped when the queue is full.
  /// - Returns: whether it was queued.
  @discardableResult
  public func submit(_ record: SegmentRecord) -> Bool {
    let (queued, wasEmpty) = state.withLock { state -> (Bool, Bool) in
      guard state.queue.count < capacity, !state.stopping else { return (false, false) }
      state.queue.append(record)
      return (true, state.queue.count == 1)
    }
    statistics.update {
      $0.received += 1
      if queued { $0.accepted += 1 } else { $0.droppedQueueFull += 1 }
    }
    if wasEmpty { wakeup.signal() }
    return queued
  }

  /// Starts the writer thread. Calling it twice does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    LoopThread.detached(name: "trace-writer") { [self] in
      run()
      finished.signal()
    }
  }

  /// Refuses new records, writes what is queued, and returns once the thread has ended.
  public func stop() {
    state.withLock { $0.stopping = true }
    wakeup.signal()
    if started.load(ordering: .acquiring) { finished.wait() }
  }

  private func run() {
    while true {
      let (batch, stopping) = state.withLock { state in
        var batch: [SegmentRecord] = []
        swap(&batch, &state.queue)
        state.queue.reserveCapacity(batch.count)
        return (batch, state.stopping)
      }
      if awaitingRoom.exchange(false, ordering: .acquiringAndReleasing) { room.signal() }
      if batch.isEmpty {
        if stopping { return }
        _ = wakeup.wait(timeout: .now() + .milliseconds(100))
        // Group commit: let a few milliseconds of records gather, so a steady stream costs one
        // transaction per batch rather than one per record.
        usleep(Self.gatherMicroseconds)
        continue
      }
      do {
        try store.insert(batch)
        statistics.update { $0.stored += batch.count }
      } catch {
        statistics.update { $0.droppedStoreError += batch.count }
      }
    }
  }
}

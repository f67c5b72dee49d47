import Dispatch
import Synchronization
import Wire

/// The chunks waiting for one output: records are appended to an open chunk, which is sealed
/// when it reaches `chunkSize` or has waited `Flush` seconds; sealed chunks are written to the
/// filesystem buffer (when there is one) and handed to the output in order. A chunk's bytes
/// count against the ``BufferBudget`` until the output is done with it.
final class OutputQueue: Sendable {
  let name: String
  private let chunkSize: Int
  private let flushAfter: UInt64
  private let storage: ChunkStorage?
  private let budget: BufferBudget
  private let ready = DispatchSemaphore(value: 0)

  private struct State {
    var open: Chunk?
    var sealed: [Chunk] = []
    var head = 0
    var nextID: UInt64 = 1
  }
  private let state = Mutex(State())

  init(name: String, chunkSize: Int, flush: Double, storage: ChunkStorage?, budget: BufferBudget) {
    self.name = name
    self.chunkSize = chunkSize
    self.flushAfter = UInt64(flush * 1e9)
    self.storage = storage
    self.budget = budget
  }

  /// Queues the chunks a previous run left on disk, ahead of anything new.
  func restore() -> (chunks: Int, records: Int) {
    guard let storage else { return (0, 0) }
    let chunks = storage.load(output: name)
    for chunk in chunks { budget.force(chunk.bytes.count) }
    state.withLock { state in
      state.sealed.append(contentsOf: chunks)
      state.nextID = (chunks.last?.id ?? 0) + 1
    }
    if !chunks.isEmpty { ready.signal() }
    return (chunks.count, chunks.reduce(0) { $0 + $1.records })
  }

  /// Appends serialized records (their bytes already reserved in the budget).
  func append(_ bytes: UnsafeBufferPointer<UInt8>, records: Int) {
    let sealedOne = state.withLock { state -> Bool in
      if state.open == nil {
        state.open = Chunk(id: state.nextID, bytes: [], records: 0, opened: MonotonicClock.now())
        state.nextID += 1
        state.open!.bytes.reserveCapacity(min(chunkSize, max(bytes.count, 4096)))
      }
      state.open!.bytes.append(contentsOf: bytes)
      state.open!.records += records
      guard state.open!.bytes.count >= chunkSize else { return false }
      seal(&state)
      return true
    }
    if sealedOne { ready.signal() }
  }

  /// The next chunk to deliver: the oldest sealed one, or the open one once it is older than
  /// `Flush` (or at once with `force`).
  func next(force: Bool) -> Chunk? {
    state.withLock { state in
      if state.head == state.sealed.count, let open = state.open,
        force || MonotonicClock.now() &- open.opened >= flushAfter
      {
        seal(&state)
      }
      guard state.head < state.sealed.count else { return nil }
      let chunk = state.sealed[state.head]
      // The slot lets go of the bytes: the worker holds the only reference while delivering.
      state.sealed[state.head].bytes = []
      state.head += 1
      if state.head > 64, state.head * 2 > state.sealed.count {
        state.sealed.removeFirst(state.head)
        state.head = 0
      }
      return chunk
    }
  }

  /// The output is done with `chunk` (delivered or given up on): its file goes, its bytes
  /// leave the budget.
  func finish(_ chunk: Chunk) {
    storage?.remove(chunk.id, output: name)
    budget.release(chunk.bytes.count)
  }

  /// Seals the open chunk, so a stop leaves it on disk.
  func sealOpen() {
    state.withLock { seal(&$0) }
  }

  /// Whether nothing is open or waiting.
  var isEmpty: Bool {
    state.withLock { $0.open == nil && $0.head == $0.sealed.count }
  }

  /// Records still open or waiting.
  var pendingRecords: Int {
    state.withLock { state in
      (state.open?.records ?? 0) + state.sealed[state.head...].reduce(0) { $0 + $1.records }
    }
  }

  /// Waits until a chunk may be ready, at most `milliseconds`.
  func waitForWork(milliseconds: Int) {
    _ = ready.wait(timeout: .now() + .milliseconds(milliseconds))
  }

  private func seal(_ state: inout State) {
    guard let chunk = state.open else { return }
    state.open = nil
    do {
      try storage?.write(chunk, output: name)
    } catch {
      logToStandardError(
        "logrouter: \(name): cannot write chunk to the filesystem buffer: \(error)")
    }
    state.sealed.append(chunk)
  }
}

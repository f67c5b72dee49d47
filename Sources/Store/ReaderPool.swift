import Dispatch
import Synchronization

/// The reader connections: each is handed to one `Database.read` at a time; when all are busy,
/// callers wait up to the busy timeout for one to come back.
final class ReaderPool: Sendable {
  private let all: [ConnectionHandle]
  private let idle: Mutex<[ConnectionHandle]>
  private let available: DispatchSemaphore
  private let timeoutMilliseconds: Int32

  init(_ readers: [ConnectionHandle], timeoutMilliseconds: Int32) {
    all = readers
    idle = Mutex(readers)
    available = DispatchSemaphore(value: readers.count)
    self.timeoutMilliseconds = timeoutMilliseconds
  }

  func acquire() throws(StoreError) -> ConnectionHandle {
    guard available.wait(timeout: .now() + .milliseconds(Int(timeoutMilliseconds))) == .success
    else {
      throw StoreError.busy("no reader connection free within \(timeoutMilliseconds) ms")
    }
    // The semaphore's count never exceeds the idle list, so one is there.
    return idle.withLock { $0.removeLast() }
  }

  func release(_ reader: ConnectionHandle) {
    idle.withLock { $0.append(reader) }
    available.signal()
  }

  func closeAll() {
    for reader in all { reader.close() }
  }
}

import Synchronization

/// A streaming response's writer: any thread may write; each write hops to the connection's
/// loop, which frames it as a chunk and flushes it at once (one event, one chunk, one write).
final class StreamWriter: ResponseBodyWriter {
  private let loop: EventLoop
  private let connectionID: UInt64
  private let closed = Atomic<Bool>(false)
  private let closeHandlers = Mutex<[@Sendable () -> Void]>([])

  init(loop: EventLoop, connectionID: UInt64) {
    self.loop = loop
    self.connectionID = connectionID
  }

  var isClosed: Bool { closed.load(ordering: .acquiring) }

  func write(_ bytes: [UInt8]) {
    guard !isClosed, !bytes.isEmpty else { return }
    loop.execute { [connectionID] runner in
      runner.streamWrite(connectionID: connectionID, writer: self, bytes)
    }
  }

  func finish() {
    guard !isClosed else { return }
    loop.execute { [connectionID] runner in
      runner.streamFinish(connectionID: connectionID, writer: self)
    }
  }

  func onClose(_ handler: @escaping @Sendable () -> Void) {
    let runNow = closeHandlers.withLock { handlers in
      if isClosed { return true }
      handlers.append(handler)
      return false
    }
    if runNow { handler() }
  }

  /// Marks the stream closed and runs the close handlers once (on the loop thread).
  func markClosed() {
    let handlers: [@Sendable () -> Void] = closeHandlers.withLock { handlers in
      guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return [] }
      defer { handlers.removeAll() }
      return handlers
    }
    for handler in handlers { handler() }
  }
}

/// Reusable read buffers for one loop: a connection takes one when it reads and gives it back
/// as soon as it holds no unread bytes, so idle keep-alive connections hold no memory and a
/// busy loop allocates nothing per request. At most `keep` buffers wait in the pool.
final class BufferPool {
  static let bufferSize = 16 * 1024
  private var free: [ByteBuffer] = []
  private let keep: Int

  init(keep: Int = 256) {
    self.keep = keep
    free.reserveCapacity(keep)
  }

  func take() -> ByteBuffer { free.popLast() ?? ByteBuffer(capacity: Self.bufferSize) }

  /// Takes back a buffer; one that grew past the standard size (a large head) is dropped.
  func give(_ buffer: ByteBuffer) {
    guard free.count < keep, buffer.capacity == Self.bufferSize else { return }
    buffer.clear()
    free.append(buffer)
  }
}

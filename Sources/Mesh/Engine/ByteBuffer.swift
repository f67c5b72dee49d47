import Glibc

/// A byte buffer with a read index and a write index over one malloc'd block, owned by one
/// connection on one loop thread (never shared, so not `Sendable`). Bytes are read into the
/// free space and consumed from the front; consuming everything rewinds both indices.
final class ByteBuffer {
  private(set) var storage: UnsafeMutableRawPointer
  private(set) var capacity: Int
  private(set) var readIndex = 0
  private(set) var writeIndex = 0

  init(capacity: Int) {
    self.capacity = capacity
    storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
  }

  deinit { storage.deallocate() }

  var readableCount: Int { writeIndex - readIndex }
  var isEmpty: Bool { writeIndex == readIndex }
  var freeSpace: Int { capacity - writeIndex }

  /// The unread bytes.
  var readable: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: storage + readIndex, count: writeIndex - readIndex)
  }

  /// Marks `count` bytes as consumed; an emptied buffer starts again at offset 0.
  func consume(_ count: Int) {
    readIndex += count
    if readIndex == writeIndex {
      readIndex = 0
      writeIndex = 0
    }
  }

  func clear() {
    readIndex = 0
    writeIndex = 0
  }

  /// Reads once from `descriptor` into the free space.
  /// - Returns: bytes read, 0 at end of stream, -1 with `errno` set on error.
  func read(from descriptor: Int32) -> Int {
    while true {
      let count = Glibc.read(descriptor, storage + writeIndex, capacity - writeIndex)
      if count > 0 { writeIndex += count }
      if count < 0, errno == EINTR { continue }
      return count
    }
  }

  /// Makes room at the end: moves the unread bytes to the front, then grows to at most
  /// `limit` bytes when that was not enough. Returns whether any free space exists afterwards.
  @discardableResult
  func makeRoom(limit: Int) -> Bool {
    if readIndex > 0 {
      let count = readableCount
      storage.copyMemory(from: storage + readIndex, byteCount: count)
      readIndex = 0
      writeIndex = count
    }
    if writeIndex == capacity, capacity < limit {
      let grown = min(limit, capacity * 2)
      let bigger = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
      bigger.copyMemory(from: storage, byteCount: writeIndex)
      storage.deallocate()
      storage = bigger
      capacity = grown
    }
    return writeIndex < capacity
  }
}

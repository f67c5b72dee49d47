import Glibc

/// What a socket has been given but could not take yet (its send buffer was full). Writes go
/// straight to the socket with one `writev` while nothing waits; only the part the kernel
/// refused is copied here, and the loop stops reading the other side until it drains
/// (backpressure), so this holds at most about one read buffer.
struct OutputQueue {
  private var bytes: [UInt8] = []
  private var offset = 0

  var isEmpty: Bool { offset == bytes.count }

  /// Writes `head` then `body` in one system call, queueing whatever the socket did not take.
  /// - Returns: `false` when the socket failed (the peer is gone).
  mutating func send(
    _ descriptor: Int32, head: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer
  ) -> Bool {
    let total = head.count + body.count
    if total == 0 { return true }
    guard isEmpty else {
      bytes.append(contentsOf: head)
      bytes.append(contentsOf: body)
      return true
    }
    var vectors = (
      iovec(iov_base: UnsafeMutableRawPointer(mutating: head.baseAddress), iov_len: head.count),
      iovec(iov_base: UnsafeMutableRawPointer(mutating: body.baseAddress), iov_len: body.count)
    )
    let written = withUnsafeMutablePointer(to: &vectors) { pair in
      pair.withMemoryRebound(to: iovec.self, capacity: 2) { vector in
        let skipHead = head.count == 0
        return Self.retrying {
          writev(descriptor, skipHead ? vector + 1 : vector, skipHead || body.count == 0 ? 1 : 2)
        }
      }
    }
    if written == total { return true }
    if written < 0 {
      guard errno == EAGAIN || errno == EWOULDBLOCK else { return false }
      bytes.append(contentsOf: head)
      bytes.append(contentsOf: body)
      return true
    }
    if written < head.count {
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: head[written...]))
      bytes.append(contentsOf: body)
    } else {
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: body[(written - head.count)...]))
    }
    return true
  }

  /// Queues bytes without writing (the socket is still connecting).
  mutating func enqueue(head: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> Bool {
    bytes.append(contentsOf: head)
    bytes.append(contentsOf: body)
    return true
  }

  /// Writes what waits, as much as the socket takes.
  /// - Returns: `false` when the socket failed.
  mutating func flush(_ descriptor: Int32) -> Bool {
    while !isEmpty {
      let written = bytes.withUnsafeBytes { all in
        Self.retrying { write(descriptor, all.baseAddress! + offset, all.count - offset) }
      }
      if written < 0 { return errno == EAGAIN || errno == EWOULDBLOCK }
      offset += written
    }
    bytes.removeAll(keepingCapacity: bytes.capacity <= BufferPool.bufferSize * 2)
    offset = 0
    return true
  }

  /// Forgets what waits (the socket is being closed).
  mutating func discard() {
    bytes = []
    offset = 0
  }

  private static func retrying(_ call: () -> Int) -> Int {
    while true {
      let result = call()
      if result < 0, errno == EINTR { continue }
      return result
    }
  }
}

import Glibc

/// Reads the SO_RXQ_OVFL control message that comes with a received datagram (socket(7)): the
/// socket's running count of datagrams the kernel dropped because the receive buffer was full.
/// The kernel attaches it only once that count is above zero.
struct KernelDropReader {
  private var reported = 0
  private(set) var count = 0

  /// The count, when it changed since the last time this was read.
  var changedCount: Int? {
    mutating get {
      guard count != reported else { return nil }
      reported = count
      return count
    }
  }

  /// Walks one message's control messages as CMSG_FIRSTHDR/CMSG_NXTHDR do; messages must be
  /// read in the order they were received, as each carries the count when it was queued.
  mutating func read(control bytes: UnsafeRawBufferPointer) {
    let header = MemoryLayout<cmsghdr>.size
    let alignment = MemoryLayout<Int>.size
    var offset = 0
    while offset + header <= bytes.count {
      let message = bytes.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
      let messageLength = Int(message.cmsg_len)
      guard messageLength >= header, offset + messageLength <= bytes.count else { return }
      if message.cmsg_level == SOL_SOCKET, message.cmsg_type == SO_RXQ_OVFL,
        messageLength >= header + 4
      {
        count = Int(bytes.loadUnaligned(fromByteOffset: offset + header, as: UInt32.self))
      }
      offset += (messageLength + alignment - 1) / alignment * alignment
    }
  }
}

import Glibc

/// Receives one datagram with `recvmsg` and reads the SO_RXQ_OVFL control message that comes
/// with it (socket(7)): the socket's running count of datagrams the kernel dropped because the
/// receive buffer was full. The kernel attaches it only once that count is above zero.
struct KernelDropReader {
  /// Room for a few control messages; 8-byte words keep `cmsghdr` aligned.
  private var control = [UInt64](repeating: 0, count: 16)
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

  /// `recv` with MSG_TRUNC into `buffer`: the datagram's real length, or -1 (errno set).
  mutating func receive(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    var vector = iovec(iov_base: buffer.baseAddress, iov_len: buffer.count)
    let (length, controlLength) = control.withUnsafeMutableBytes { control in
      withUnsafeMutablePointer(to: &vector) { vector in
        var message = msghdr()
        message.msg_iov = vector
        message.msg_iovlen = 1
        message.msg_control = control.baseAddress
        message.msg_controllen = control.count
        let length = recvmsg(descriptor, &message, Int32(MSG_TRUNC))
        return (length, length >= 0 ? Int(message.msg_controllen) : 0)
      }
    }
    if controlLength > 0 { readDrops(controlLength) }
    return length
  }

  /// Walks the control messages as CMSG_FIRSTHDR/CMSG_NXTHDR do.
  private mutating func readDrops(_ length: Int) {
    let header = MemoryLayout<cmsghdr>.size
    let alignment = MemoryLayout<Int>.size
    control.withUnsafeBytes { bytes in
      var offset = 0
      while offset + header <= length {
        let message = bytes.loadUnaligned(fromByteOffset: offset, as: cmsghdr.self)
        let messageLength = Int(message.cmsg_len)
        guard messageLength >= header, offset + messageLength <= length else { return }
        if message.cmsg_level == SOL_SOCKET, message.cmsg_type == SO_RXQ_OVFL,
          messageLength >= header + 4
        {
          count = Int(bytes.loadUnaligned(fromByteOffset: offset + header, as: UInt32.self))
        }
        offset += (messageLength + alignment - 1) / alignment * alignment
      }
    }
  }
}

import CLinux
import Glibc

/// Receives up to ``capacity`` datagrams with one recvmmsg(2) call, each into its own buffer
/// with its own control data, so the per-datagram rules stay those of one recvmsg(2): MSG_TRUNC
/// reports a datagram's real length even when it is longer than the buffer (udp(7)), and each
/// message's SO_RXQ_OVFL count is read, in order, by ``drops``. One system call per batch
/// rather than per datagram is what a busy intake saves.
///
/// Owned by one receiving thread; the memory is allocated once and freed on deinit.
final class DatagramBatch {
  /// Datagrams per call: past a few dozen the saving per datagram is negligible, while each
  /// slot costs a buffer of the largest datagram.
  let capacity: Int
  /// Bytes per buffer: one more than the longest datagram accepted, so a longer one is told apart
  /// by its length.
  let bufferSize: Int
  /// Room for a few control messages per datagram; 8-byte words keep `cmsghdr` aligned.
  private static let controlSize = 16 * MemoryLayout<UInt64>.size

  var drops = KernelDropReader()
  /// How many datagrams the last ``receive(from:)`` returned.
  private(set) var count = 0

  private let buffers: UnsafeMutableRawBufferPointer
  private let control: UnsafeMutableRawBufferPointer
  private let vectors: UnsafeMutableBufferPointer<iovec>
  private let messages: UnsafeMutableBufferPointer<msghdr>
  private let lengths: UnsafeMutableBufferPointer<UInt32>

  /// `capacity` is capped at what the CLinux wrapper passes in one call.
  init(capacity: Int, maximumLength: Int) {
    self.capacity = max(1, min(capacity, Int(CLINUX_RECVMMSG_MAX)))
    bufferSize = maximumLength + 1
    buffers = .allocate(byteCount: self.capacity * bufferSize, alignment: 16)
    control = .allocate(
      byteCount: self.capacity * Self.controlSize, alignment: MemoryLayout<UInt64>.alignment)
    vectors = .allocate(capacity: self.capacity)
    messages = .allocate(capacity: self.capacity)
    lengths = .allocate(capacity: self.capacity)
    lengths.initialize(repeating: 0)
    for slot in 0..<self.capacity {
      vectors.initializeElement(
        at: slot,
        to: iovec(iov_base: buffers.baseAddress! + slot * bufferSize, iov_len: bufferSize))
      var message = msghdr()
      message.msg_iov = vectors.baseAddress! + slot
      message.msg_iovlen = 1
      message.msg_control = control.baseAddress! + slot * Self.controlSize
      messages.initializeElement(at: slot, to: message)
    }
  }

  deinit {
    buffers.deallocate()
    control.deallocate()
    vectors.deallocate()
    messages.deallocate()
    lengths.deallocate()
  }

  /// Receives what the socket has queued, up to ``capacity`` datagrams, without blocking on a
  /// non-blocking socket.
  /// - Returns: how many datagrams arrived, or -1 with `errno` set (EAGAIN: none queued).
  func receive(from descriptor: Int32) -> Int {
    for slot in 0..<capacity {
      // The kernel shrinks each to what it wrote: the room is given back every call.
      messages[slot].msg_controllen = Self.controlSize
      messages[slot].msg_flags = 0
    }
    let received = Int(
      clinux_recvmmsg(
        descriptor, messages.baseAddress, lengths.baseAddress, UInt32(capacity),
        Int32(MSG_TRUNC)))
    count = max(0, received)
    for slot in 0..<count where messages[slot].msg_controllen > 0 {
      drops.read(
        control: UnsafeRawBufferPointer(
          start: messages[slot].msg_control, count: Int(messages[slot].msg_controllen)))
    }
    return received
  }

  /// The real length of datagram `index` of the last batch: more than ``bufferSize`` - 1 means
  /// it was longer than the limit (and cut short in the buffer).
  func length(_ index: Int) -> Int { Int(lengths[index]) }

  /// The bytes of datagram `index` of the last batch, valid until the next ``receive(from:)``.
  func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(
      start: (buffers.baseAddress! + index * bufferSize).assumingMemoryBound(to: UInt8.self),
      count: min(length(index), bufferSize))
  }
}

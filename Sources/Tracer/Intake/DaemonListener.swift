import Foundation
import Glibc
import Synchronization
import Wire

/// The X-Ray daemon's UDP intake (developer guide, "Sending segment documents to the daemon"):
/// each datagram is the header `{"format": "json", "version": 1}`, a newline, and one segment
/// document or standalone subsegment, at most 64 kB. One thread receives (a batch per system
/// call), validates and queues; every refused datagram is counted by reason. While the write
/// queue is full it stops decoding (and, once its batch is used up, reading), so a writer that
/// falls behind is not also slowed by decoding what could not be queued.
public final class DaemonListener: Sendable {
  /// The largest datagram accepted: X-Ray's 64 kB segment document limit, in decimal kilobytes
  /// (below the 65,507 bytes an IPv4 datagram can carry, so the limit can be reached).
  public static let maximumDatagram = 64_000

  public let address: SocketAddress
  private let descriptor: Int32
  private let decoder: SegmentDecoder
  private let writer: SegmentWriter
  private let stopping = Atomic<Bool>(false)
  private let finished = DispatchSemaphore(value: 0)
  private let started = Atomic<Bool>(false)

  /// Binds `address` (port 0 picks a free port, see ``address``).
  public init(address: SocketAddress, decoder: SegmentDecoder, writer: SegmentWriter) throws {
    let descriptor = try Socket.boundUDP(on: address)
    do {
      Self.configureReceiving(descriptor)
      self.address = try SocketAddress.local(of: descriptor)
    } catch {
      close(descriptor)
      throw error
    }
    self.descriptor = descriptor
    self.decoder = decoder
    self.writer = writer
  }

  /// Bytes of receive buffer asked for: at 60,000 datagrams of ~700 bytes a second, room for
  /// a few hundred milliseconds of a writer stall.
  static let receiveBufferBytes: Int32 = 32 << 20

  /// A large receive buffer absorbs bursts (SO_RCVBUFFORCE passes `net.core.rmem_max` when the
  /// process may; otherwise SO_RCVBUF gets what the limit allows); SO_RXQ_OVFL makes the kernel
  /// report how many datagrams it dropped on a full buffer (socket(7)), so the statistics
  /// account for them.
  private static func configureReceiving(_ descriptor: Int32) {
    let intSize = socklen_t(MemoryLayout<Int32>.size)
    var size = receiveBufferBytes
    if setsockopt(descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &size, intSize) != 0 {
      setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, intSize)
    }
    var on: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_RXQ_OVFL, &on, intSize)
  }

  /// Starts the receiving thread. Calling it twice does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    LoopThread.detached(name: "xray-udp") { [self] in
      receiveLoop()
      finished.signal()
    }
  }

  /// Stops receiving (within 100 ms) and closes the socket.
  public func stop() {
    guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
    if started.load(ordering: .acquiring) { finished.wait() }
    close(descriptor)
  }

  /// Datagrams received per system call (recvmmsg(2), see ``DatagramBatch``).
  static let batchCapacity = 16

  private func receiveLoop() {
    let batch = DatagramBatch(capacity: Self.batchCapacity, maximumLength: Self.maximumDatagram)
    var next = 0
    while !stopping.load(ordering: .relaxed) {
      guard next < batch.count else {
        next = 0
        if batch.receive(from: descriptor) < 0 {  // nothing queued (EAGAIN) or EINTR
          var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
          _ = poll(&poller, 1, 100)
        }
        if let dropped = batch.drops.changedCount {
          writer.statistics.update { $0.droppedKernel = dropped }
        }
        continue
      }
      guard writer.waitForRoom() else { continue }  // still full: check for a stop, wait again
      accept(batch, next)
      next += 1
    }
    // What the last batch still held is counted too: queued, refused, or dropped as queue-full.
    for index in next..<batch.count { accept(batch, index) }
  }

  /// Datagram `index` of `batch`: refused when longer than the limit, else handled.
  private func accept(_ batch: DatagramBatch, _ index: Int) {
    guard batch.length(index) <= Self.maximumDatagram else {
      writer.statistics.reject(.tooLarge)
      return
    }
    handle(batch.bytes(index))
  }

  /// Checks the header line, then decodes and queues the document.
  func handle(_ datagram: UnsafeBufferPointer<UInt8>) {
    guard let newline = datagram.firstIndex(of: UInt8(ascii: "\n")),
      Self.isHeader(UnsafeBufferPointer(rebasing: datagram[..<newline]))
    else {
      writer.statistics.reject(.invalidHeader)
      return
    }
    do {
      let record = try decoder.decode(
        bytes: UnsafeBufferPointer(rebasing: datagram[(newline + 1)...]))
      writer.submit(record)
    } catch {
      writer.statistics.reject(error)
    }
  }

  /// The header as the SDKs write it, compared byte for byte before any parsing.
  private static let usualHeader = Array(#"{"format": "json", "version": 1}"#.utf8)

  /// `{"format": "json", "version": 1}`, spaced any way JSON allows.
  static func isHeader(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    if line.elementsEqual(usualHeader) { return true }
    guard line.count <= 256,
      let header = try? JSONParser(maximumBytes: 256, maximumDepth: 2).parse(line)
    else { return false }
    return header["format"]?.string == "json" && header["version"]?.int == 1
  }
}

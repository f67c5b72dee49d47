import Glibc
import Testing
import Wire

@testable import Tracer

/// ``DatagramBatch`` over a real loopback socket: several datagrams per recvmmsg(2) call, each
/// with its real length (MSG_TRUNC) and the kernel's drop count (SO_RXQ_OVFL) as recvmsg(2)
/// gives them one at a time.
@Suite struct DatagramBatchTests {
  /// The smallest receive buffer the kernel allows, with drop counts reported.
  static func tinyReceiver() throws -> (descriptor: Int32, port: UInt16) {
    let descriptor = try Socket.boundUDP(on: SocketAddress("127.0.0.1:0")!, receiveBuffer: 1)
    var on: Int32 = 1
    setsockopt(descriptor, SOL_SOCKET, SO_RXQ_OVFL, &on, socklen_t(MemoryLayout<Int32>.size))
    return (descriptor, try SocketAddress.local(of: descriptor).port)
  }

  static func send(_ bytes: [UInt8], on socket: Int32) {
    _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, 0) }
  }

  @Test func receive_readsABatchWithATooLargeDatagramAndTheKernelDropCount() throws {
    let (receiver, port) = try Self.tinyReceiver()
    defer { close(receiver) }
    let sender = try Socket.connectedUDP(to: SocketAddress("127.0.0.1:\(port)")!)
    defer { close(sender) }
    let batch = DatagramBatch(capacity: 8, maximumLength: 100)

    // A flood larger than the buffer: the kernel keeps a few and drops the rest.
    let flood = 64
    for index in 0..<flood { Self.send([UInt8](repeating: UInt8(index), count: 100), on: sender) }
    var kept: [UInt8] = []
    var emptyError: Int32 = 0
    while true {
      guard batch.receive(from: receiver) > 0 else {
        emptyError = errno
        break
      }
      #expect(batch.count <= batch.capacity)
      for index in 0..<batch.count {
        #expect(batch.length(index) == 100)
        kept.append(batch.bytes(index)[0])
      }
    }
    #expect(emptyError == EAGAIN)
    #expect(kept == Array(0..<UInt8(kept.count)), "kept in order, the first ones")
    let dropped = flood - kept.count
    #expect(dropped > 0)
    #expect(batch.drops.count == 0, "datagrams queued before the drops carry no count")

    // Both wait in the queue, so one call reads them: a datagram over the limit (its real
    // length, its bytes cut at the buffer) and one after it, each with the drop count.
    Self.send([UInt8](repeating: 7, count: 150), on: sender)
    Self.send([1, 2, 3, 4, 5], on: sender)
    #expect(batch.receive(from: receiver) == 2)
    #expect(batch.length(0) == 150)
    #expect(batch.bytes(0).count == 101)
    #expect(Array(batch.bytes(1)) == [1, 2, 3, 4, 5])
    var drops = batch.drops
    #expect(drops.changedCount == dropped)
    #expect(drops.changedCount == nil, "reported once")
    #expect(try TracerHarness.kernelDrops(port: port) == dropped)
  }

  @Test func receive_returnsMinusOneWhenNothingIsQueued() throws {
    let (receiver, _) = try Self.tinyReceiver()
    defer { close(receiver) }
    let batch = DatagramBatch(capacity: 4, maximumLength: 100)
    let received = batch.receive(from: receiver)
    let error = errno
    #expect(received == -1)
    #expect(error == EAGAIN)
    #expect(batch.count == 0)
  }
}

import Foundation
import Glibc
import Synchronization
import Wire

/// The StatsD intake: a UDP socket read by one thread of its own, each datagram parsed and
/// folded into the store at the second it arrived. The kernel queue is sized with `SO_RCVBUF`
/// so bursts wait in the socket rather than being dropped (drops the kernel still makes show
/// in the `drops` column of `/proc/net/udp`, which `bench/metrics.sh` reads).
///
/// ```swift
/// let receiver = try StatsDReceiver(address: SocketAddress("127.0.0.1:8125")!, store: store)
/// receiver.start()
/// receiver.stop()
/// ```
public final class StatsDReceiver: Sendable {
  /// Largest UDP payload (65,535 − 8 − 20).
  public static let maxDatagram = 65_507

  /// The bound address (with the real port when 0 was asked for).
  public let address: SocketAddress
  private let descriptor: Int32
  private let store: MetricStore
  private let stopping = Atomic<Bool>(false)
  private let started = Atomic<Bool>(false)
  private let finished = DispatchSemaphore(value: 0)

  /// Binds the socket; nothing is read until ``start()``.
  /// - Parameter receiveBuffer: requested `SO_RCVBUF` in bytes (the kernel caps it at
  ///   `net.core.rmem_max`).
  public init(address: SocketAddress, store: MetricStore, receiveBuffer: Int32 = 8 << 20) throws {
    descriptor = try Socket.boundUDP(on: address, receiveBuffer: receiveBuffer)
    do {
      self.address = try SocketAddress.local(of: descriptor)
    } catch {
      close(descriptor)
      throw error
    }
    self.store = store
  }

  /// Starts the receive thread; calling it again does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    LoopThread.detached(name: "statsd-intake") { [self] in
      receiveLoop()
      finished.signal()
    }
  }

  /// Stops the thread (within 100 ms), waits for it and closes the socket.
  public func stop() {
    guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
    if started.load(ordering: .acquiring) { finished.wait() }
    close(descriptor)
  }

  private func receiveLoop() {
    let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.maxDatagram)
    defer { buffer.deallocate() }
    var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    while !stopping.load(ordering: .relaxed) {
      let received = recv(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_DONTWAIT))
      if received >= 0 {
        store.ingest(
          statsd: UnsafeBufferPointer(rebasing: buffer[0..<received]), at: store.clock.now())
        continue
      }
      let code = errno
      guard code == EAGAIN || code == EWOULDBLOCK || code == EINTR else {
        logToStandardError("statsd intake: recv: \(String(cString: strerror(code)))")
        return
      }
      _ = poll(&poller, 1, 100)
    }
  }
}

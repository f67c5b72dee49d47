import Glibc
import Synchronization
import Wire

/// Sends the proxy's stats to a StatsD agent over UDP every flush interval, as Envoy's
/// `statsd` sink does: counters as deltas since the last flush (`|c`), gauges (`|g`),
/// timings (`|ms`), under the `envoy.` prefix, each line with `tags` (DogStatsD `|#…`, as the
/// `dog_statsd` sink sends them). Runs on its own thread until `stop()`.
public final class StatsDReporter: Sendable {
  private let descriptor: Int32
  private let stopping = Atomic<Bool>(false)
  private let thread = Mutex<LoopThread?>(nil)

  public init(
    address: SocketAddress, stats: ProxyStats, flushInterval: Duration, tags: StatsDTags = .none
  ) throws {
    descriptor = try Socket.connectedUDP(to: address)
    let interval = max(flushInterval.nanoseconds, 10_000_000)
    let started = LoopThread(name: "statsd") { [self] in
      run(stats: stats, interval: interval, tags: tags)
    }
    thread.withLock { $0 = started }
  }

  deinit { close(descriptor) }

  /// Ends the flushing thread (after at most one interval).
  public func stop() {
    stopping.store(true, ordering: .relaxed)
    thread.withLock { $0.take() }?.join()
  }

  private func run(stats: ProxyStats, interval: UInt64, tags: StatsDTags) {
    var flusher = StatsDFlusher(tags: tags)
    var next = MonotonicClock.now() &+ interval
    while !stopping.load(ordering: .relaxed) {
      let now = MonotonicClock.now()
      if now < next {
        usleep(UInt32(min(next - now, 50_000_000) / 1000))
        continue
      }
      next = now &+ interval
      for datagram in StatsDFlusher.datagrams(flusher.flush(stats.samples())) {
        _ = datagram.withUnsafeBytes {
          send(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
        }
      }
    }
  }
}

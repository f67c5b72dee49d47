import Glibc
import Synchronization
import Wire

/// The traffic generator (issue 3, item 3): sends the mix to one target at a steady rate,
/// prints what the client saw for every request and a summary every `summaryInterval`.
/// Requests run concurrently (a slow target does not slow the rate), at most `maxInFlight`
/// at once; a send past that bound is recorded as a client-side error.
public final class LoadGenerator: Sendable {
  public struct Configuration: Sendable {
    public var target: SocketAddress
    /// Requests per second, inside ``LoadPacer/rates``.
    public var rate: Double = 5
    /// Seconds to run; `nil` runs until ``LoadGenerator/stop()``.
    public var duration: Double?
    public var mix: LoadMix
    public var summaryInterval: Double = 10
    public var maxInFlight = 1000
    /// How long one request may take before it counts as failed.
    public var requestTimeout: Duration = .seconds(130)

    public init(target: SocketAddress, mix: LoadMix) {
      self.target = target
      self.mix = mix
    }
  }

  public let configuration: Configuration
  private let client: HTTPClient
  private let stopped = Atomic<Bool>(false)
  private let inFlight = Atomic<Int>(0)
  private let window = Mutex(LatencyWindow())

  public init(configuration: Configuration) {
    self.configuration = configuration
    var clientConfiguration = HTTPClient.Configuration()
    clientConfiguration.responseTimeout = configuration.requestTimeout
    client = HTTPClient(configuration: clientConfiguration)
  }

  /// Makes ``run()`` return at its next check (within 100 ms); safe from any thread.
  public func stop() { stopped.store(true, ordering: .releasing) }

  /// Sends until the duration ends or ``stop()``; blocks the calling thread. Prints a last
  /// summary for the partial window and waits up to 2 s for requests still in flight.
  public func run() {
    let start = WallClock.monotonic()
    let end = configuration.duration.map { start + $0 } ?? .infinity
    var pacer = LoadPacer(rate: configuration.rate, start: start)
    var windowStart = start
    var random = SystemRandomNumberGenerator()
    sending: while true {
      let due = pacer.next(now: WallClock.monotonic())
      while true {
        let now = WallClock.monotonic()
        if now - windowStart >= configuration.summaryInterval {
          printSummary(windowSeconds: now - windowStart)
          windowStart = now
        }
        if stopped.load(ordering: .acquiring) || now >= end { break sending }
        if now >= due { break }
        let wait = min(due, end, windowStart + configuration.summaryInterval) - now
        usleep(useconds_t(min(wait, 0.1) * 1_000_000))
      }
      send(configuration.mix.pick(using: &random))
    }
    let finish = WallClock.monotonic() + 2
    while inFlight.load(ordering: .acquiring) > 0, WallClock.monotonic() < finish { usleep(10_000) }
    printSummary(windowSeconds: WallClock.monotonic() - windowStart)
    client.close()
  }

  private func send(_ entry: LoadMix.Entry) {
    let time = WallClock.now()
    guard inFlight.add(1, ordering: .acquiringAndReleasing).newValue <= configuration.maxInFlight
    else {
      inFlight.subtract(1, ordering: .acquiringAndReleasing)
      record(
        entry, time: time, status: 0, latency: 0,
        error: "more than \(configuration.maxInFlight) requests in flight")
      return
    }
    let request = HTTPClientRequest(
      method: entry.method, target: entry.path, headers: ["User-Agent": "sidecarlab-loadgen"])
    let started = WallClock.monotonic()
    Task {
      do {
        let response = try await client.send(request, to: configuration.target)
        record(
          entry, time: time, status: response.status.code, latency: latency(since: started),
          error: nil)
      } catch {
        record(entry, time: time, status: 0, latency: latency(since: started), error: "\(error)")
      }
      inFlight.subtract(1, ordering: .acquiringAndReleasing)
    }
  }

  private func latency(since started: Double) -> Double { (WallClock.monotonic() - started) * 1000 }

  private func record(
    _ entry: LoadMix.Entry, time: Double, status: Int, latency: Double, error: String?
  ) {
    window.withLock { $0.record(status: status, latencyMilliseconds: latency) }
    StandardStream.standardOutput.writeLine(
      LoadgenLine.request(
        time: time, method: entry.method.rawValue, path: entry.path, status: status,
        latencyMilliseconds: latency,
        error: error))
  }

  private func printSummary(windowSeconds: Double) {
    let finished = window.withLock { window in
      defer { window = LatencyWindow() }
      return window
    }
    StandardStream.standardOutput.writeLine(
      LoadgenLine.summary(time: WallClock.now(), windowSeconds: windowSeconds, finished))
  }
}

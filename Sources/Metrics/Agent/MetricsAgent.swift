import Foundation
import Synchronization
import Wire

/// The metrics agent beside a sandbox: StatsD intake, Prometheus scraping of its targets, the
/// store with its archive, alarms evaluated every second, and the HTTP API.
public final class MetricsAgent: Sendable {
  public let store: MetricStore
  public let alarms: AlarmRegistry
  public let receiver: StatsDReceiver
  public let scrapers: [PrometheusScraper]
  public let server: HTTPServer
  private let archive: MetricArchive?
  private let persistInterval: Duration
  private let started = Atomic<Bool>(false)
  private let stopping = Atomic<Bool>(false)
  private let wake = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  /// Opens the archive and binds both sockets (so their ports are known); nothing runs until
  /// ``start()``.
  public init(configuration: Configuration, clock: MetricsClock = .system) throws {
    let archive = try configuration.dataPath.map { try MetricArchive(path: $0) }
    let store = try MetricStore(maxSeries: configuration.maxSeries, clock: clock, archive: archive)
    let alarms = AlarmRegistry(store: store)
    receiver = try StatsDReceiver(address: configuration.statsd, store: store)
    scrapers = configuration.scrapeTargets.map {
      PrometheusScraper(target: $0, interval: configuration.scrapeInterval, store: store)
    }
    var serverConfiguration = HTTPServer.Configuration(address: configuration.http, loops: 1)
    serverConfiguration.metricsPath = nil
    server = try HTTPServer(
      configuration: serverConfiguration,
      router: Router(MetricsAPI(store: store, alarms: alarms).routes))
    self.store = store
    self.alarms = alarms
    self.archive = archive
    persistInterval = configuration.persistInterval
  }

  /// Starts every part; calling it again does nothing.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    receiver.start()
    for scraper in scrapers { scraper.start() }
    server.start()
    LoopThread.detached(name: "metrics-upkeep") { [self] in
      housekeeping()
      finished.signal()
    }
  }

  /// Stops intake and scraping, writes the archive one last time and stops the server.
  public func stop() {
    guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
    receiver.stop()
    for scraper in scrapers { scraper.stop() }
    wake.signal()
    if started.load(ordering: .acquiring) { finished.wait() }
    persist()
    archive?.close()
    server.shutdown(gracePeriod: .seconds(2))
    server.waitUntilStopped()
  }

  /// Every second: alarms; every `persistInterval`: archive; every minute: retention.
  private func housekeeping() {
    var tick = 0
    let persistEvery = max(1, Int(persistInterval.nanoseconds / 1_000_000_000))
    while !stopping.load(ordering: .acquiring) {
      _ = wake.wait(timeout: .now() + .seconds(1))
      tick += 1
      alarms.evaluate()
      if tick % persistEvery == 0 { persist() }
      if tick % 60 == 0 { store.expire() }
    }
  }

  private func persist() {
    do {
      try store.persist()
    } catch {
      logToStandardError("metrics archive: \(error)")
    }
  }
}

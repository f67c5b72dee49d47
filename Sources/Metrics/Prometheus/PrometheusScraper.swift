import Foundation
import Synchronization
import Wire

/// Scrapes one target (a sidecar's `GET /stats/prometheus`) every `interval` on a thread of
/// its own and records what it reads into the store (``ScrapeConverter``), each series with
/// the target's labels (``ScrapeTarget``). A failed scrape (connection,
/// status, parse) is counted in ``IntakeStats/scrapeFailures`` and logged once per failure
/// streak; the next tick tries again.
public final class PrometheusScraper: Sendable {
  public let target: ScrapeTarget
  public let interval: Duration
  private let store: MetricStore
  private let client: HTTPClient
  private let converter = Mutex(ScrapeConverter())
  private let stopping = Atomic<Bool>(false)
  private let started = Atomic<Bool>(false)
  private let wake = DispatchSemaphore(value: 0)
  private let finished = DispatchSemaphore(value: 0)

  public init(target: ScrapeTarget, interval: Duration, store: MetricStore) {
    self.target = target
    self.interval = interval
    self.store = store
    var configuration = HTTPClient.Configuration()
    configuration.connectTimeout = .seconds(2)
    configuration.responseTimeout = .seconds(5)
    configuration.maxResponseBody = 16 << 20
    client = HTTPClient(configuration: configuration)
  }

  /// Starts scraping, the first time right away.
  public func start() {
    guard !started.exchange(true, ordering: .acquiringAndReleasing) else { return }
    LoopThread.detached(name: "prom-scraper") { [self] in
      var failing = false
      while !stopping.load(ordering: .acquiring) {
        let failure = scrapeOnce()
        if let failure, !failing {
          logToStandardError("scrape \(target.job) \(target.address)\(target.path): \(failure)")
        }
        failing = failure != nil
        _ = wake.wait(timeout: .now() + .nanoseconds(Int(interval.nanoseconds)))
      }
      finished.signal()
    }
  }

  public func stop() {
    guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
    wake.signal()
    if started.load(ordering: .acquiring) { finished.wait() }
    client.close()
  }

  /// One scrape, recorded at the store clock's current second; the failure's description, or
  /// nil when it worked.
  @discardableResult
  public func scrapeOnce() -> String? {
    let failure: String?
    do {
      let response = try client.send(
        HTTPClientRequest(target: target.path, headers: ["Accept": "text/plain; version=0.0.4"]),
        to: target.address)
      guard response.status.code == 200 else {
        store.countScrape(failed: true)
        return "status \(response.status.code)"
      }
      let document = try PrometheusTextParser.parse(String(decoding: response.body, as: UTF8.self))
      let samples = converter.withLock { $0.convert(document) }
      let now = store.clock.now()
      for sample in samples {
        store.record(
          sample.sample, kind: sample.kind, name: sample.key.name,
          labels: target.labels(adding: sample.key.labels), at: now)
      }
      failure = nil
    } catch {
      failure = "\(error)"
    }
    store.countScrape(failed: failure != nil)
    return failure
  }
}

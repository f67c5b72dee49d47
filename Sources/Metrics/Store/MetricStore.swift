import Synchronization

/// The metric store of one sandbox.
///
/// Design: series live in memory (1 s buckets for an hour, 1 min buckets for a day, per
/// series, in time-ordered arrays) behind one `Mutex`; minute buckets are written through to
/// SQLite by ``persist()`` (``MetricArchive``) and read back at start. Why not SQLite for every
/// bucket: the intake folds hundreds of thousands of lines a second into the current bucket,
/// and dashboard queries read a day of a few hundred series many times a minute — both are
/// in-memory work; what must survive a restart (the day of minute buckets) is small and is
/// written in batches off the intake path. Losing the last hour's seconds on a restart is the
/// accepted cost.
///
/// Bounded: at most `maxSeries` series (samples that would create more are refused and counted
/// in ``IntakeStats/refusedSeries``), retention drops older buckets, set buckets track at most
/// ``Aggregate/maxSetMembers`` members.
public final class MetricStore: Sendable {
  public let maxSeries: Int
  public let clock: MetricsClock
  let state: Mutex<MetricStoreState>
  let archive: MetricArchive?

  /// The default bound on series: room for a sandbox's sidecars and processes with margin.
  public static let defaultMaxSeries = 2_000

  /// - Parameter archive: where minute buckets persist; its buckets of the last day are loaded.
  public init(
    maxSeries: Int = defaultMaxSeries, clock: MetricsClock = .system, archive: MetricArchive? = nil
  )
    throws
  {
    self.maxSeries = max(1, maxSeries)
    self.clock = clock
    self.archive = archive
    var initial = MetricStoreState(maxSeries: self.maxSeries)
    if let archive {
      let now = Int64(clock.now())
      for stored in try archive.load(since: now - SeriesData.minuteRetention) {
        guard initial.series[stored.key] != nil || initial.series.count < self.maxSeries else {
          continue
        }
        initial.series[stored.key, default: SeriesData(kind: stored.kind)].restore(
          minute: stored.bucket, at: stored.minute)
      }
      initial.stats.series = initial.series.count
    }
    state = Mutex(initial)
  }

  /// Parses a StatsD datagram and folds its lines into the buckets of second `time`.
  public func ingest(statsd datagram: UnsafeBufferPointer<UInt8>, at time: Double) {
    let second = Int64(time.rounded(.down))
    // Parsing under the lock saves collecting the lines first; a datagram parses in µs.
    state.withLock { state in
      state.stats.datagrams += 1
      StatsDParser.parse(datagram: datagram) { line in
        switch line {
        case .success(let parsed): state.record(parsed, at: second)
        case .failure(let reason): state.stats.malformed[reason, default: 0] += 1
        }
      }
    }
  }

  /// Records one sample of series `name`/`labels`; false when refused (series limit or a
  /// series of that name and labels with another kind).
  @discardableResult
  public func record(
    _ sample: MetricSample, kind: MetricKind, name: String, labels: [Label] = [], at time: Double
  ) -> Bool {
    let key = SeriesKey(name: name, labels: labels)
    return state.withLock { state in
      let before = state.stats.accepted
      state.record(key, kind: kind, sample, at: Int64(time.rounded(.down)))
      return state.stats.accepted > before
    }
  }

  /// Records a gauge value, such as a process's CPU or memory sample from the sandbox agent.
  @discardableResult
  public func record(gauge name: String, labels: [Label] = [], value: Double, at time: Double)
    -> Bool
  {
    record(.gauge(value), kind: .gauge, name: name, labels: labels, at: time)
  }

  /// The intake counts so far.
  public func statistics() -> IntakeStats {
    state.withLock { $0.stats }
  }

  /// Counts a scrape and whether it failed.
  func countScrape(failed: Bool) {
    state.withLock { state in
      state.stats.scrapes += 1
      if failed { state.stats.scrapeFailures += 1 }
    }
  }

  /// Drops buckets past retention, and series with no bucket left.
  public func expire() {
    let now = Int64(clock.now())
    state.withLock { state in
      for key in Array(state.series.keys) {
        state.series[key]!.expire(now: now)
        if state.series[key]!.minutes.times.isEmpty, state.series[key]!.seconds.times.isEmpty {
          state.series[key] = nil
        }
      }
      state.stats.series = state.series.count
    }
  }

  /// The series whose name is `name` and that carry every label in `labels`.
  func snapshot(name: String, labels: [Label]) -> [(key: SeriesKey, data: SeriesData)] {
    state.withLock { state in
      state.series.filter { $0.key.name == name && $0.key.matches(labels) }
        .map { (key: $0.key, data: $0.value) }
    }
  }

  /// Every series (values are copied on write, so this is cheap and holds the lock briefly).
  func snapshot() -> [(key: SeriesKey, data: SeriesData)] {
    state.withLock { state in state.series.map { (key: $0.key, data: $0.value) } }
  }
}

import Glibc
import Testing

@testable import Metrics

@Suite struct MetricStoreTests {
  static let t0: Int64 = 1_800_000_000  // a whole minute (divisible by 60)

  static func make(maxSeries: Int = 100, clock: FakeClock = FakeClock(Double(t0))) throws
    -> MetricStore
  {
    try MetricStore(maxSeries: maxSeries, clock: clock.clock)
  }

  static func ingest(_ store: MetricStore, _ text: String, at time: Int64) {
    Array(text.utf8).withUnsafeBufferPointer {
      store.ingest(statsd: $0, at: Double(time) + 0.25)
    }
  }

  static func value(
    _ store: MetricStore, _ name: String, _ statistic: Statistic, labels: [Label] = [],
    start: Int64 = t0, end: Int64 = t0 + 1, step: Int64 = 1
  ) throws -> [QuerySeries] {
    store.query(
      try MetricQuery(
        name: name, labels: labels, statistic: statistic, start: start, end: end, step: step))
  }

  @Test func ingest_aggregatesEachTypeExactlyIntoOneSecond() throws {
    let store = try Self.make()
    Self.ingest(
      store,
      """
      hits:1|c
      hits:2|c|@0.5
      level:10|g
      level:+5|g
      level:-3|g
      users:alice|s
      users:bob|s
      users:alice|s
      rq_time:10|ms
      rq_time:20|ms
      rq_time:30|ms|@0.5
      """, at: Self.t0)
    #expect(try Self.value(store, "hits", .sum)[0].points == [.init(time: Self.t0, value: 5)])
    #expect(try Self.value(store, "level", .max)[0].points[0].value == 15)
    #expect(try Self.value(store, "level", .avg)[0].points[0].value == (10 + 15 + 12) / 3)
    #expect(try Self.value(store, "level", .min)[0].points[0].value == 10)
    #expect(try Self.value(store, "level", .count)[0].points[0].value == 3)
    #expect(try Self.value(store, "users", .count)[0].points[0].value == 2)
    #expect(try Self.value(store, "rq_time", .count)[0].points[0].value == 4)
    #expect(try Self.value(store, "rq_time", .sum)[0].points[0].value == 90)
    #expect(try Self.value(store, "rq_time", .min)[0].points[0].value == 10)
    #expect(try Self.value(store, "rq_time", .max)[0].points[0].value == 30)
    let stats = store.statistics()
    #expect(stats.accepted == 11)
    #expect(stats.series == 4)
    #expect(stats.datagrams == 1)
  }

  @Test func ingest_countsMalformedAndTypeConflictsWithoutStopping() throws {
    let store = try Self.make()
    Self.ingest(store, "a:1|c\nbroken\na:1|g\nb:x|ms\nc:2|c", at: Self.t0)
    let stats = store.statistics()
    #expect(stats.accepted == 2)
    #expect(stats.malformed == [.missingValue: 1, .typeConflict: 1, .invalidValue: 1])
  }

  @Test func ingest_keepsSeriesApartByLabelsInAnyOrder() throws {
    let store = try Self.make()
    Self.ingest(
      store, "rq:1|c|#service:swan,zone:a\nrq:1|c|#zone:a,service:swan\nrq:5|c|#service:unicorn",
      at: Self.t0)
    let all = try Self.value(store, "rq", .sum)
    #expect(all.count == 2)
    #expect(all.map(\.points[0].value).sorted() == [2, 5])
    let unicorn = try Self.value(store, "rq", .sum, labels: [Label("service", "unicorn")])
    #expect(unicorn.count == 1)
    #expect(unicorn[0].labels == [Label("service", "unicorn")])
  }

  @Test func record_refusesSeriesBeyondTheLimitAndCountsThem() throws {
    let store = try Self.make(maxSeries: 3)
    for index in 0..<5 {
      store.record(
        gauge: "cpu", labels: [Label("process", "p\(index)")], value: 1, at: Double(Self.t0))
    }
    #expect(
      store.record(gauge: "cpu", labels: [Label("process", "p0")], value: 2, at: Double(Self.t0)))
    let stats = store.statistics()
    #expect(stats.series == 3)
    #expect(stats.refusedSeries == 2)
    #expect(stats.accepted == 4)
  }

  @Test func query_readsSecondsAsStepsWithRateAndPercentiles() throws {
    let store = try Self.make()
    for second in 0..<10 {
      for value in 1...100 {
        store.record(
          .observation(Double(value * (second + 1)), count: 1), kind: .histogram, name: "lat",
          at: Double(Self.t0 + Int64(second)))
      }
      store.record(
        .counter(Double(second)), kind: .counter, name: "n", at: Double(Self.t0 + Int64(second)))
    }
    let rates = try Self.value(store, "n", .rate, end: Self.t0 + 10, step: 5)[0].points
    #expect(
      rates == [.init(time: Self.t0, value: 10.0 / 5), .init(time: Self.t0 + 5, value: 35.0 / 5)])
    let p99 = try Self.value(store, "lat", .p99, end: Self.t0 + 10, step: 10)[0].points
    #expect(p99.count == 1)
    var exact: [Double] = []
    for second in 0..<10 { for value in 1...100 { exact.append(Double(value * (second + 1))) } }
    exact.sort()
    let truth = exact[Int((0.99 * Double(exact.count - 1)).rounded(.down))]
    #expect(abs(p99[0].value - truth) / truth <= 0.01)
    let counts = try Self.value(store, "lat", .rate, end: Self.t0 + 4, step: 2)[0].points
    #expect(counts.map(\.value) == [100, 100])
    let gaps = try store.query(
      name: "n", stat: .sum, start: Self.t0 - 5, end: Self.t0 + 2, step: 1)[0]
    #expect(gaps.points.map(\.time) == [Self.t0, Self.t0 + 1])
  }

  @Test func query_leavesEmptyWindowsOutAndCutsTheLastWindowAtTheEnd() throws {
    let store = try Self.make()
    for second: Int64 in [0, 1, 7, 8, 20] {
      store.record(
        .counter(Double(second)), kind: .counter, name: "n", at: Double(Self.t0 + second))
    }
    let points = try Self.value(store, "n", .sum, end: Self.t0 + 8, step: 3)[0].points
    #expect(points == [.init(time: Self.t0, value: 1), .init(time: Self.t0 + 6, value: 7)])
    let rates = try Self.value(store, "n", .rate, end: Self.t0 + 8, step: 3)[0].points
    #expect(rates.map(\.value) == [1.0 / 3, 7.0 / 2])
    let late = try Self.value(store, "n", .sum, start: Self.t0 + 2, end: Self.t0 + 30, step: 5)
    #expect(
      late[0].points == [.init(time: Self.t0 + 7, value: 15), .init(time: Self.t0 + 17, value: 20)])
  }

  @Test func query_useMinutesBeyondTheHourAndTheyMergeSecondsExactly() throws {
    let clock = FakeClock(Double(Self.t0))
    let store = try Self.make(clock: clock)
    // Samples on both sides of a minute boundary.
    store.record(
      .observation(5, count: 1), kind: .histogram, name: "lat", at: Double(Self.t0 + 59) + 0.999)
    store.record(
      .observation(500, count: 1), kind: .histogram, name: "lat", at: Double(Self.t0 + 60))
    store.record(
      .observation(7, count: 1), kind: .histogram, name: "lat", at: Double(Self.t0 + 119))
    let minutes = try Self.value(store, "lat", .max, end: Self.t0 + 120, step: 60)[0].points
    #expect(minutes == [.init(time: Self.t0, value: 5), .init(time: Self.t0 + 60, value: 500)])
    let seconds = try Self.value(
      store, "lat", .count, start: Self.t0 + 59, end: Self.t0 + 61, step: 1)[0]
    #expect(seconds.points.map(\.value) == [1, 1])
    // Two hours later the seconds are gone, the minutes answer.
    clock.advance(by: 7200)
    store.expire()
    let old = try Self.value(store, "lat", .count, start: Self.t0, end: Self.t0 + 120, step: 1)[0]
    #expect(old.points == [.init(time: Self.t0, value: 1), .init(time: Self.t0 + 60, value: 2)])
    let data = store.snapshot()[0].data
    #expect(data.seconds.times.isEmpty)
    // After a day the minutes go too, and the series with them.
    clock.advance(by: 86_400)
    store.expire()
    #expect(store.statistics().series == 0)
  }

  @Test func query_rejectsBadBounds() {
    #expect(throws: MetricQueryError.self) {
      try MetricQuery(name: "", statistic: .sum, start: 0, end: 1, step: 1)
    }
    #expect(throws: MetricQueryError(parameter: "end", "must be after start")) {
      try MetricQuery(name: "a", statistic: .sum, start: 5, end: 5, step: 1)
    }
    #expect(throws: MetricQueryError.self) {
      try MetricQuery(name: "a", statistic: .sum, start: 0, end: 100_000, step: 1)
    }
    #expect(throws: MetricQueryError.self) {
      try MetricQuery(name: "a", statistic: .sum, start: 0, end: 10, step: 0)
    }
  }

  @Test func aggregate_mergesMatchingSeriesOverAWindow() throws {
    let store = try Self.make()
    for (service, value) in [("a", 10.0), ("a", 30.0), ("b", 1000.0)] {
      store.record(
        .observation(value, count: 1), kind: .histogram, name: "lat",
        labels: [Label("service", service)], at: Double(Self.t0))
    }
    #expect(
      store.aggregate(
        name: "lat", labels: [Label("service", "a")], statistic: .max, start: Self.t0,
        end: Self.t0 + 60) == 30)
    #expect(
      store.aggregate(name: "lat", labels: [], statistic: .count, start: Self.t0, end: Self.t0 + 60)
        == 3)
    #expect(
      store.aggregate(
        name: "nope", labels: [], statistic: .count, start: Self.t0, end: Self.t0 + 60) == nil)
  }

  @Test func persist_keepsMinuteBucketsAcrossRestart() throws {
    let path = "/tmp/metrics-archive-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
    defer { for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) } }
    let clock = FakeClock(Double(Self.t0 + 30))
    do {
      let archive = try MetricArchive(path: path)
      defer { archive.close() }
      let store = try MetricStore(clock: clock.clock, archive: archive)
      store.record(
        .observation(42, count: 3), kind: .histogram, name: "lat", labels: [Label("s", "x\"y\n")],
        at: Double(Self.t0 + 1))
      store.record(.counter(7), kind: .counter, name: "n", at: Double(Self.t0 + 2))
      try store.persist()
    }
    let archive = try MetricArchive(path: path)
    defer { archive.close() }
    clock.advance(by: 4000)
    let store = try MetricStore(clock: clock.clock, archive: archive)
    let lat = try Self.value(store, "lat", .count, end: Self.t0 + 60, step: 60)
    #expect(lat.first?.labels == [Label("s", "x\"y\n")])
    #expect(lat.first?.points == [.init(time: Self.t0, value: 3)])
    #expect(
      try Self.value(store, "n", .sum, end: Self.t0 + 60, step: 60).first?.points.first?.value == 7)
  }

  @Test func query_readsFiveMinuteBucketsAndSealedPercentilesExactly() throws {
    let clock = FakeClock(Double(Self.t0 + 900))
    let store = try Self.make(clock: clock)
    var all: [Double] = []
    for second in stride(from: 0, to: 900, by: 7) {
      for value in [1.0, 10, 100].map({ $0 * Double(second + 1) }) {
        store.record(
          .observation(value, count: 1), kind: .histogram, name: "lat",
          at: Double(Self.t0 + Int64(second)))
        all.append(value)
      }
    }
    // A late sample for a sealed minute and 5 min bucket.
    store.record(
      .observation(1e6, count: 1), kind: .histogram, name: "lat", at: Double(Self.t0 + 10))
    let data = store.snapshot()[0].data
    for statistic in [Statistic.p50, .p90, .p99, .count, .max] {
      for (start, step) in [
        (Self.t0, Int64(300)), (Self.t0, 60), (Self.t0 + 1, 60), (Self.t0, 900),
      ] {
        let query = try MetricQuery(
          name: "lat", statistic: statistic, start: start, end: Self.t0 + 900, step: step)
        let answer = store.query(query)[0].points
        let fromSeconds = stride(from: start, to: Self.t0 + 900, by: Int(step)).compactMap {
          time -> QuerySeries.Point? in
          data.seconds.merged(in: time..<min(time + step, Self.t0 + 900)).flatMap {
            $0.statistic(statistic, seconds: Double(step)).map {
              QuerySeries.Point(time: time, value: $0)
            }
          }
        }
        #expect(answer == fromSeconds, "\(statistic) \(start) \(step)")
      }
    }
    #expect(data.fiveMinutes.times == [Self.t0, Self.t0 + 300, Self.t0 + 600])
    #expect(
      store.query(
        try MetricQuery(name: "lat", statistic: .max, start: Self.t0, end: Self.t0 + 300, step: 300)
      )[0].points[0].value == 1e6)
  }
}

import Testing

@testable import Metrics

@Suite struct MetricConditionTests {
  @Test func parse_readsTheTextForm() throws {
    let condition = try MetricCondition(
      parsing: #"p99(upstream_rq_time{service="unicorn", zone="a\"b"}) over 1m < 200"#)
    #expect(
      condition
        == MetricCondition(
          name: "upstream_rq_time", labels: [Label("service", "unicorn"), Label("zone", "a\"b")],
          statistic: .p99, window: 60, comparison: .lessThanThreshold, threshold: 200))
    let dotted = try MetricCondition(
      parsing: "rate(envoy.cluster.unicorn.upstream_rq_retry) over 30s >= 0.5")
    #expect(dotted.name == "envoy.cluster.unicorn.upstream_rq_retry")
    #expect(dotted.window == 30)
    #expect(dotted.comparison == .greaterThanOrEqualToThreshold)
    #expect(try MetricCondition(parsing: "max(cpu) over 2h <= 90").window == 7200)
  }

  static let broken = [
    "", "p42(x) over 1m < 1", "p99 x over 1m < 1", "p99() over 1m < 1", "p99(x over 1m < 1",
    "p99(x{a=1}) over 1m < 1", "p99(x) during 1m < 1", "p99(x) over 1d < 1", "p99(x) over 25h < 1",
    "p99(x) over 1m == 1", "p99(x) over 1m < abc", "p99(x) over 1m < 1 extra",
  ]

  @Test(arguments: broken)
  func parse_refusesBrokenText(text: String) {
    #expect(throws: MetricConditionError.self) { try MetricCondition(parsing: text) }
  }

  @Test func evaluate_comparesTheStatisticOverTheWindow() throws {
    let clock = FakeClock(1_800_000_000)
    let store = try MetricStore(clock: clock.clock)
    let condition = try MetricCondition(parsing: #"p99(lat{service="unicorn"}) over 1m < 200"#)
    let empty = condition.evaluate(in: store)
    #expect(!empty.holds)
    #expect(empty.observed == nil)
    for second in 0..<30 {
      store.record(
        .observation(Double(100 + second), count: 1), kind: .histogram, name: "lat",
        labels: [Label("service", "unicorn")], at: clock.now - Double(second))
    }
    let passing = condition.evaluate(in: store)
    #expect(passing.holds)
    #expect(abs(passing.observed! - 129) <= 1.3)
    store.record(
      .observation(30_000, count: 10), kind: .histogram, name: "lat",
      labels: [Label("service", "unicorn")], at: clock.now)
    #expect(!condition.evaluate(in: store).holds)
    clock.advance(by: 120)
    let stale = condition.evaluate(in: store)
    #expect(!stale.holds)
    #expect(stale.observed == nil)
  }
}

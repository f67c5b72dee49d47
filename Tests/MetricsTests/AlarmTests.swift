import Testing

@testable import Metrics

@Suite struct AlarmTests {
  static func definition(
    treat: TreatMissingData = .missing, comparison: ComparisonOperator = .greaterThanThreshold,
    evaluationPeriods: Int = 3, datapointsToAlarm: Int? = 2
  ) throws -> AlarmDefinition {
    try AlarmDefinition(
      alarmName: "slow-unicorn", metricName: "lat", dimensions: [Label("service", "unicorn")],
      statistic: .p99, period: 60, evaluationPeriods: evaluationPeriods,
      datapointsToAlarm: datapointsToAlarm, threshold: 100, comparisonOperator: comparison,
      treatMissingData: treat)
  }

  static let evaluations: [([Double?], TreatMissingData, AlarmState, AlarmState)] = [
    // datapoints (oldest first), treatment, current state, expected state
    ([50, 150, 150], .missing, .ok, .alarm),
    ([150, 50, 150], .missing, .ok, .alarm),
    ([150, 50, 50], .missing, .alarm, .ok),
    ([100, 100, 100], .missing, .alarm, .ok),  // not greater than
    ([nil, nil, nil], .missing, .alarm, .insufficientData),
    ([nil, nil, nil], .ignore, .alarm, .alarm),
    ([nil, nil, nil], .ignore, .ok, .ok),
    ([nil, nil, nil], .breaching, .ok, .alarm),
    ([nil, nil, nil], .notBreaching, .alarm, .ok),
    ([nil, 150, nil], .missing, .ok, .ok),  // one breach of the points there is
    ([nil, 150, nil], .breaching, .ok, .alarm),
    ([150, 150, nil], .notBreaching, .ok, .alarm),
    ([nil, 150, 150], .ignore, .insufficientData, .alarm),
    ([nil, 10, nil], .ignore, .insufficientData, .ok),
  ]

  @Test(arguments: evaluations.indices)
  func evaluator_appliesMOutOfNAndTreatMissingData(index: Int) throws {
    let (points, treat, current, expected) = Self.evaluations[index]
    let result = AlarmEvaluator.evaluate(
      points, definition: try Self.definition(treat: treat), current: current)
    #expect(result.state == expected)
  }

  @Test func evaluator_comparesWithEveryOperator() throws {
    let cases: [(ComparisonOperator, Double, Bool)] = [
      (.greaterThanThreshold, 100, false), (.greaterThanOrEqualToThreshold, 100, true),
      (.lessThanThreshold, 100, false), (.lessThanOrEqualToThreshold, 100, true),
      (.lessThanThreshold, 99, true), (.greaterThanThreshold, 101, true),
    ]
    for (comparison, value, breaches) in cases {
      let definition = try Self.definition(
        comparison: comparison, evaluationPeriods: 1, datapointsToAlarm: 1)
      let result = AlarmEvaluator.evaluate([value], definition: definition, current: .ok)
      #expect(result.state == (breaches ? .alarm : .ok), "\(comparison) \(value)")
    }
    let reason = AlarmEvaluator.evaluate(
      [150, nil, 50], definition: try Self.definition(), current: .ok
    ).reason
    #expect(
      reason.contains(
        "1 out of the last 3 datapoints [150, missing, 50] were greater than the threshold (100)"))
  }

  @Test func definition_refusesOutOfBoundsFields() {
    #expect(throws: AlarmDefinitionError.self) { try Self.definition(datapointsToAlarm: 4) }
    #expect(throws: AlarmDefinitionError.self) { try Self.definition(evaluationPeriods: 0) }
    #expect(throws: AlarmDefinitionError.self) {
      try AlarmDefinition(
        alarmName: "a/b", metricName: "x", statistic: .max, period: 60, evaluationPeriods: 1,
        threshold: 1, comparisonOperator: .lessThanThreshold)
    }
    #expect(throws: AlarmDefinitionError.self) {
      try AlarmDefinition(
        alarmName: "a", metricName: "x", statistic: .max, period: 3600, evaluationPeriods: 25,
        threshold: 1, comparisonOperator: .lessThanThreshold)
    }
  }

  @Test func definition_readsPutMetricAlarmJSON() throws {
    let body = """
      {"AlarmName":"slow","MetricName":"lat","Dimensions":[{"Name":"service","Value":"unicorn"}],
       "ExtendedStatistic":"p99","Period":60,"EvaluationPeriods":3,"DatapointsToAlarm":2,
       "Threshold":200,"ComparisonOperator":"GreaterThanThreshold","TreatMissingData":"breaching"}
      """
    let definition = try AlarmDefinition(json: Array(body.utf8), name: "slow")
    #expect(definition.statistic == .p99)
    #expect(definition.dimensions == [Label("service", "unicorn")])
    #expect(definition.datapointsToAlarm == 2)
    #expect(definition.treatMissingData == .breaching)
    let average = try AlarmDefinition(
      json: Array(
        #"{"MetricName":"m","Statistic":"Average","Period":10,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"LessThanThreshold"}"#
          .utf8),
      name: "x")
    #expect(average.statistic == .avg)
    #expect(average.treatMissingData == .missing)
    let failures: [(String, String)] = [
      ("nope", "body"),
      (#"{"AlarmName":"other"}"#, "AlarmName"),
      (#"{"Statistic":"Average"}"#, "MetricName"),
      (
        #"{"MetricName":"m","Statistic":"Median","Period":1,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"LessThanThreshold"}"#,
        "Statistic"
      ),
      (
        #"{"MetricName":"m","Statistic":"Sum","Period":true,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"LessThanThreshold"}"#,
        "Period"
      ),
      (
        #"{"MetricName":"m","Statistic":"Sum","Period":1,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"Above"}"#,
        "ComparisonOperator"
      ),
      (
        #"{"MetricName":"m","Statistic":"Sum","Period":1,"EvaluationPeriods":1,"Threshold":1,"ComparisonOperator":"LessThanThreshold","TreatMissingData":"zero"}"#,
        "TreatMissingData"
      ),
    ]
    for (text, field) in failures {
      #expect(throws: AlarmDefinitionError.self) {
        try AlarmDefinition(json: Array(text.utf8), name: "x")
      }
      do {
        _ = try AlarmDefinition(json: Array(text.utf8), name: "x")
      } catch {
        #expect(error.field == field, "\(text)")
      }
    }
  }

  @Test func registry_walksEveryTransitionOnAFakeClock() throws {
    let start = 1_800_000_000.0
    let clock = FakeClock(start)
    let store = try MetricStore(clock: clock.clock)
    let registry = AlarmRegistry(store: store)
    #expect(try registry.put(Self.definition()))
    func minute(_ index: Int, latency: Double?) {
      guard let latency else { return }
      store.record(
        .observation(latency, count: 1), kind: .histogram, name: "lat",
        labels: [Label("service", "unicorn"), Label("instance", "u1")],
        at: start + Double(index * 60) + 5)
    }
    func state(after index: Int) -> AlarmState {
      clock.set(start + Double((index + 1) * 60) + 1)
      registry.evaluate()
      return registry.alarm(named: "slow-unicorn")!.state
    }
    #expect(registry.alarm(named: "slow-unicorn")?.state == .insufficientData)
    // INSUFFICIENT_DATA → OK
    minute(0, latency: 20)
    #expect(state(after: 0) == .ok)
    // OK → ALARM after two breaching minutes out of three
    minute(1, latency: 500)
    #expect(state(after: 1) == .ok)
    minute(2, latency: 300)
    #expect(state(after: 2) == .alarm)
    // ALARM → OK
    minute(3, latency: 10)
    minute(4, latency: 10)
    #expect(state(after: 4) == .ok)
    // OK → INSUFFICIENT_DATA after three empty minutes
    #expect(state(after: 7) == .insufficientData)
    // INSUFFICIENT_DATA → ALARM
    minute(8, latency: 900)
    minute(9, latency: 900)
    #expect(state(after: 9) == .alarm)
    // ALARM → INSUFFICIENT_DATA
    #expect(state(after: 12) == .insufficientData)
    let history = registry.alarm(named: "slow-unicorn")!.history
    #expect(
      history.map(\.newState) == [
        .insufficientData, .ok, .alarm, .ok, .insufficientData, .alarm, .insufficientData,
      ])
    #expect(history.first?.kind == .configurationUpdate)
    #expect(history[2].summary == "Alarm updated from OK to ALARM")
    #expect(history[2].time == start + 181)

    // TreatMissingData: ignore keeps ALARM through silence; notBreaching turns it OK.
    try registry.put(Self.definition(treat: .ignore))
    minute(13, latency: 900)
    minute(14, latency: 900)
    #expect(state(after: 14) == .alarm)
    #expect(state(after: 20) == .alarm)
    try registry.put(Self.definition(treat: .notBreaching))
    #expect(state(after: 21) == .ok)
    try registry.put(Self.definition(treat: .breaching))
    #expect(state(after: 22) == .alarm)
    #expect(registry.delete("slow-unicorn"))
    #expect(!registry.delete("slow-unicorn"))
    #expect(registry.all().isEmpty)
  }
}

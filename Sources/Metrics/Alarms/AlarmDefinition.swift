/// An alarm in the shape of CloudWatch's PutMetricAlarm: a statistic of a metric over
/// `period` seconds, compared with `threshold`; ALARM when at least `datapointsToAlarm` of
/// the last `evaluationPeriods` periods breach ("M out of N").
public struct AlarmDefinition: Sendable, Equatable {
  public static let maxEvaluationPeriods = 100

  public var alarmName: String
  public var metricName: String
  /// CloudWatch's `Dimensions`: the labels the series must carry (names as
  /// ``Label/prometheusName(_:)`` makes them).
  public var dimensions: [Label]
  public var statistic: Statistic
  /// Seconds per datapoint.
  public var period: Int
  public var evaluationPeriods: Int
  public var datapointsToAlarm: Int
  public var threshold: Double
  public var comparisonOperator: ComparisonOperator
  public var treatMissingData: TreatMissingData

  /// Validates the bounds CloudWatch sets (and the store's one-day retention).
  public init(
    alarmName: String, metricName: String, dimensions: [Label] = [], statistic: Statistic,
    period: Int, evaluationPeriods: Int, datapointsToAlarm: Int? = nil, threshold: Double,
    comparisonOperator: ComparisonOperator, treatMissingData: TreatMissingData = .missing
  ) throws(AlarmDefinitionError) {
    guard (1...255).contains(alarmName.utf8.count),
      alarmName.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") })
    else {
      throw AlarmDefinitionError(
        field: "AlarmName", "wants 1-255 visible ASCII characters without '/'")
    }
    guard (1...StatsDParser.maxNameLength).contains(metricName.utf8.count) else {
      throw AlarmDefinitionError(field: "MetricName", "wants 1-250 bytes")
    }
    guard dimensions.count <= 30 else {
      throw AlarmDefinitionError(field: "Dimensions", "at most 30")
    }
    guard statistic != .rate else {
      throw AlarmDefinitionError(field: "Statistic", "rate is not a CloudWatch statistic")
    }
    guard (1...86_400).contains(period) else {
      throw AlarmDefinitionError(field: "Period", "wants 1-86400 seconds")
    }
    guard (1...Self.maxEvaluationPeriods).contains(evaluationPeriods),
      period * evaluationPeriods <= 86_400
    else {
      throw AlarmDefinitionError(
        field: "EvaluationPeriods", "wants 1-100 periods spanning at most a day")
    }
    let datapoints = datapointsToAlarm ?? evaluationPeriods
    guard (1...evaluationPeriods).contains(datapoints) else {
      throw AlarmDefinitionError(field: "DatapointsToAlarm", "wants 1-EvaluationPeriods")
    }
    guard threshold.isFinite else {
      throw AlarmDefinitionError(field: "Threshold", "wants a finite number")
    }
    self.alarmName = alarmName
    self.metricName = metricName
    self.dimensions = dimensions.map { Label(Label.prometheusName($0.name), $0.value) }.sorted()
    self.statistic = statistic
    self.period = period
    self.evaluationPeriods = evaluationPeriods
    self.datapointsToAlarm = datapoints
    self.threshold = threshold
    self.comparisonOperator = comparisonOperator
    self.treatMissingData = treatMissingData
  }
}

import Foundation
import Metrics

/// The dashboard's "create an alarm" form (issue 9 item 4): CloudWatch's PutMetricAlarm
/// fields as form fields, checked here first (numbers, the name's alphabet) and then by
/// ``AlarmDefinition``'s own bounds, each problem kept by the form field it belongs to so the
/// page shows it beside that field.
struct AlarmForm: Sendable {
  /// The form fields, in the order the page shows them.
  static let fieldNames = [
    "name", "metric", "labels", "statistic", "period", "comparison", "threshold",
    "evaluation_periods", "datapoints",
  ]

  /// Which form field each PutMetricAlarm field is.
  static let fieldOfParameter = [
    "AlarmName": "name", "MetricName": "metric", "Dimensions": "labels",
    "Statistic": "statistic", "ExtendedStatistic": "statistic", "Period": "period",
    "ComparisonOperator": "comparison", "Threshold": "threshold",
    "EvaluationPeriods": "evaluation_periods", "DatapointsToAlarm": "datapoints",
  ]

  /// The statistic choices: CloudWatch's names of the plain statistics, then the percentiles.
  static let statistics: [(name: String, statistic: Statistic)] =
    AlarmDefinition.statisticNames.map { (name: $0.value, statistic: $0.key) }
    .sorted { $0.name < $1.name }
    + Statistic.allCases.filter { $0.quantile != nil }.map { (name: $0.rawValue, statistic: $0) }

  /// Longest value kept from any field.
  static let maxFieldLength = 1024

  var values: [String: String]
  /// Problems by form field.
  var errors: [String: String] = [:]

  /// An empty form with CloudWatch-like defaults (p99 over three one-minute periods).
  init() {
    values = [
      "statistic": "p99", "period": "60", "comparison": "GreaterThanThreshold",
      "evaluation_periods": "3", "datapoints": "3",
    ]
  }

  /// The values a learner sent (trimmed, each at most ``maxFieldLength`` characters).
  init(_ form: FormData) {
    values = [:]
    for name in Self.fieldNames {
      values[name] = String(
        (form[name] ?? "").trimmingCharacters(in: .whitespaces).prefix(Self.maxFieldLength))
    }
  }

  /// The alarm the form describes, or `nil` with ``errors`` saying what is wrong where.
  mutating func definition() -> AlarmDefinition? {
    errors = [:]
    let name = values["name"] ?? ""
    if name.isEmpty || name.utf8.count > 255
      || !name.utf8.allSatisfy({ Self.isNameByte($0) })
    {
      errors["name"] = "wants 1-255 letters, digits, '.', '_' or '-'"
    }
    let statistic = Self.statistics.first { $0.name == values["statistic"] }?.statistic
    if statistic == nil {
      errors["statistic"] = "wants one of \(Self.statistics.map(\.name).joined(separator: ", "))"
    }
    let comparison = ComparisonOperator(rawValue: values["comparison"] ?? "")
    if comparison == nil {
      errors["comparison"] =
        "wants one of \(ComparisonOperator.allCases.map(\.rawValue).joined(separator: ", "))"
    }
    let period = whole("period")
    let evaluationPeriods = whole("evaluation_periods")
    let datapoints = (values["datapoints"] ?? "").isEmpty ? nil : whole("datapoints")
    let threshold = Double(values["threshold"] ?? "")
    if threshold == nil { errors["threshold"] = "wants a number" }
    let labels = self.labels()
    guard errors.isEmpty, let statistic, let comparison, let period, let evaluationPeriods,
      let threshold, let labels
    else { return nil }
    do {
      return try AlarmDefinition(
        alarmName: name, metricName: values["metric"] ?? "", dimensions: labels,
        statistic: statistic, period: period, evaluationPeriods: evaluationPeriods,
        datapointsToAlarm: datapoints, threshold: threshold, comparisonOperator: comparison)
    } catch {
      errors[Self.fieldOfParameter[error.field] ?? "name"] = error.message
      return nil
    }
  }

  /// A whole number from `field`, or `nil` with the field's error set.
  private mutating func whole(_ field: String) -> Int? {
    guard let value = Int(values[field] ?? ""), value > 0 else {
      errors[field] = "wants a whole number above 0"
      return nil
    }
    return value
  }

  /// `k:v,k2:v2` as labels (none when empty), or `nil` with the field's error set.
  private mutating func labels() -> [Label]? {
    let text = values["labels"] ?? ""
    guard !text.isEmpty else { return [] }
    var labels: [Label] = []
    for pair in text.split(separator: ",") {
      let parts = pair.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
        errors["labels"] = "wants name:value pairs separated by commas"
        return nil
      }
      labels.append(
        Label(
          parts[0].trimmingCharacters(in: .whitespaces),
          parts[1].trimmingCharacters(in: .whitespaces)))
    }
    return labels
  }

  /// The bytes an alarm name made on this form may hold, so it is a path segment as it is.
  private static func isNameByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"),
      UInt8(ascii: "-"):
      true
    default: false
    }
  }
}

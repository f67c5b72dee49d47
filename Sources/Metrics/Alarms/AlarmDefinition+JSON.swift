import Foundation
import Telemetry

extension AlarmDefinition {
  /// Reads a PutMetricAlarm request body: `AlarmName`, `MetricName`, `Dimensions`
  /// (`[{"Name":…,"Value":…}]`), `Statistic` (`SampleCount|Average|Sum|Minimum|Maximum`) or
  /// `ExtendedStatistic` (`p50|p90|p99`), `Period`, `EvaluationPeriods`,
  /// `DatapointsToAlarm`, `Threshold`, `ComparisonOperator`, `TreatMissingData`.
  /// - Parameter name: the alarm's name from the URL, which the body may repeat but not contradict.
  public init(json body: [UInt8], name: String) throws(AlarmDefinitionError) {
    let object: [String: Any]
    do {
      guard let parsed = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
      else { throw AlarmDefinitionError(field: "body", "wants a JSON object") }
      object = parsed
    } catch let error as AlarmDefinitionError {
      throw error
    } catch {
      throw AlarmDefinitionError(field: "body", "is not valid JSON")
    }
    if let given = object["AlarmName"] {
      guard let text = given as? String, text == name else {
        throw AlarmDefinitionError(field: "AlarmName", "differs from the name in the URL")
      }
    }
    func string(_ field: String) throws(AlarmDefinitionError) -> String? {
      guard let value = object[field] else { return nil }
      guard let text = value as? String else {
        throw AlarmDefinitionError(field: field, "wants a string")
      }
      return text
    }
    func number(_ field: String) throws(AlarmDefinitionError) -> Double? {
      guard let value = object[field] else { return nil }
      // JSON true/false arrive as NSNumbers of type `c`.
      guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
        throw AlarmDefinitionError(field: field, "wants a number")
      }
      return number.doubleValue
    }
    func integer(_ field: String) throws(AlarmDefinitionError) -> Int? {
      guard let value = try number(field) else { return nil }
      guard value == value.rounded(), abs(value) < 1e9 else {
        throw AlarmDefinitionError(field: field, "wants a whole number")
      }
      return Int(value)
    }
    guard let metricName = try string("MetricName") else {
      throw AlarmDefinitionError(field: "MetricName", "is required")
    }
    var dimensions: [Label] = []
    if let value = object["Dimensions"] {
      guard let list = value as? [Any] else {
        throw AlarmDefinitionError(field: "Dimensions", "wants a list of {Name, Value}")
      }
      for item in list {
        guard let pair = item as? [String: Any], let dimension = pair["Name"] as? String,
          let dimensionValue = pair["Value"] as? String, !dimension.isEmpty
        else { throw AlarmDefinitionError(field: "Dimensions", "wants a list of {Name, Value}") }
        dimensions.append(Label(dimension, dimensionValue))
      }
    }
    let statistic: Statistic
    switch (try string("Statistic"), try string("ExtendedStatistic")) {
    case (let name?, nil):
      guard let known = Self.statisticNames.first(where: { $0.value == name })?.key else {
        throw AlarmDefinitionError(
          field: "Statistic", "wants SampleCount, Average, Sum, Minimum or Maximum")
      }
      statistic = known
    case (nil, let name?):
      guard let known = Statistic(rawValue: name), known.quantile != nil else {
        throw AlarmDefinitionError(field: "ExtendedStatistic", "wants p50, p90 or p99")
      }
      statistic = known
    default:
      throw AlarmDefinitionError(
        field: "Statistic", "give exactly one of Statistic and ExtendedStatistic")
    }
    guard let period = try integer("Period") else {
      throw AlarmDefinitionError(field: "Period", "is required")
    }
    guard let evaluationPeriods = try integer("EvaluationPeriods") else {
      throw AlarmDefinitionError(field: "EvaluationPeriods", "is required")
    }
    guard let threshold = try number("Threshold") else {
      throw AlarmDefinitionError(field: "Threshold", "is required")
    }
    guard let operatorName = try string("ComparisonOperator"),
      let comparison = ComparisonOperator(rawValue: operatorName)
    else {
      throw AlarmDefinitionError(
        field: "ComparisonOperator",
        "wants one of \(ComparisonOperator.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var treatMissing = TreatMissingData.missing
    if let text = try string("TreatMissingData") {
      guard let parsed = TreatMissingData(rawValue: text) else {
        throw AlarmDefinitionError(
          field: "TreatMissingData", "wants missing, ignore, breaching or notBreaching")
      }
      treatMissing = parsed
    }
    try self.init(
      alarmName: name, metricName: metricName, dimensions: dimensions, statistic: statistic,
      period: period, evaluationPeriods: evaluationPeriods,
      datapointsToAlarm: try integer("DatapointsToAlarm"), threshold: threshold,
      comparisonOperator: comparison, treatMissingData: treatMissing)
  }

  /// CloudWatch's names of the plain statistics.
  public static let statisticNames: [Statistic: String] = [
    .count: "SampleCount", .avg: "Average", .sum: "Sum", .min: "Minimum", .max: "Maximum",
  ]

  /// The definition as a PutMetricAlarm request body, which ``init(json:name:)`` reads back.
  public var json: [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writeFields(into: &writer)
    writer.endObject()
    return writer.bytes
  }

  /// Writes the definition's fields as DescribeAlarms shows them.
  func writeFields(into writer: inout JSONWriter) {
    writer.key("AlarmName")
    writer.string(alarmName)
    writer.key("MetricName")
    writer.string(metricName)
    writer.key("Dimensions")
    writer.beginArray()
    for dimension in dimensions {
      writer.beginObject()
      writer.key("Name")
      writer.string(dimension.name)
      writer.key("Value")
      writer.string(dimension.value)
      writer.endObject()
    }
    writer.endArray()
    if let name = Self.statisticNames[statistic] {
      writer.key("Statistic")
      writer.string(name)
    } else {
      writer.key("ExtendedStatistic")
      writer.string(statistic.rawValue)
    }
    for (key, value) in [
      ("Period", period), ("EvaluationPeriods", evaluationPeriods),
      ("DatapointsToAlarm", datapointsToAlarm),
    ] {
      writer.key(key)
      writer.int(value)
    }
    writer.key("Threshold")
    writer.double(threshold)
    writer.key("ComparisonOperator")
    writer.string(comparisonOperator.rawValue)
    writer.key("TreatMissingData")
    writer.string(treatMissingData.rawValue)
  }
}

/// CloudWatch's M-out-of-N evaluation as a pure function (CloudWatch user guide, "Evaluating
/// an alarm" and "Configuring how CloudWatch alarms treat missing data"):
///
/// - each of the N newest datapoints is breaching, not breaching, or missing;
/// - `breaching` / `notBreaching` turn missing points into breaching / not breaching;
/// - `missing` / `ignore` leave them out; when every point is missing, `missing` goes to
///   INSUFFICIENT_DATA and `ignore` keeps the current state;
/// - then ALARM when at least M points breach, else OK.
public enum AlarmEvaluator {
  /// - Parameter datapoints: the statistic of each of the last N periods, oldest first; nil
  ///   for a period without data.
  /// - Returns: the new state and CloudWatch-style reason.
  public static func evaluate(
    _ datapoints: [Double?], definition: AlarmDefinition, current: AlarmState
  ) -> (state: AlarmState, reason: String) {
    let threshold = definition.threshold
    var breaching = 0
    var counted = 0
    for point in datapoints {
      if let point {
        counted += 1
        if definition.comparisonOperator.holds(point, threshold) { breaching += 1 }
      } else {
        switch definition.treatMissingData {
        case .breaching:
          counted += 1
          breaching += 1
        case .notBreaching:
          counted += 1
        case .missing, .ignore:
          break
        }
      }
    }
    let shown = datapoints.map { $0.map(PrometheusWriter.value) ?? "missing" }
    if counted == 0 {
      if definition.treatMissingData == .ignore {
        return (current, "No datapoints in the last \(datapoints.count) periods: state kept")
      }
      return (
        .insufficientData,
        "Insufficient Data: \(datapoints.count) datapoints were unknown."
      )
    }
    let state: AlarmState = breaching >= definition.datapointsToAlarm ? .alarm : .ok
    let reason =
      "Threshold Crossed: \(breaching) out of the last \(datapoints.count) datapoints "
      + "[\(shown.joined(separator: ", "))] were \(definition.comparisonOperator.phrase) the "
      + "threshold (\(PrometheusWriter.value(threshold))) "
      + "(minimum \(definition.datapointsToAlarm) datapoints for ALARM)."
    return (state, reason)
  }
}

import Foundation

/// One of the learner's alarms as the dashboard lists it, read from the agent's
/// DescribeAlarms and DescribeAlarmHistory answers (botocore `cloudwatch/2010-08-01` shapes).
struct AlarmRow: Sendable, Equatable {
  struct Transition: Sendable, Equatable {
    /// Unix seconds.
    let time: Double
    let summary: String
    let reason: String
  }

  /// Transitions shown per alarm, newest first.
  static let shownTransitions = 3

  let name: String
  /// What it watches, in words: `p99 of envoy.…upstream_rq_time {appmesh_virtual_node=swan}
  /// > 200 for 3 of 3 periods of 60 s`.
  let condition: String
  /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
  let state: String
  let reason: String
  var transitions: [Transition] = []

  /// The element id of the alarm's state on the page and in the live refresh: the name's
  /// bytes in hex, so any name makes a valid, unique id.
  var stateID: String {
    "alarm-"
      + name.utf8.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
      .joined()
  }

  /// A `MetricAlarms` item; `nil` without a name.
  init?(describing item: [String: Any]) {
    guard let name = item["AlarmName"] as? String else { return nil }
    self.name = name
    let statistic =
      (item["ExtendedStatistic"] as? String) ?? (item["Statistic"] as? String) ?? "?"
    let dimensions = (item["Dimensions"] as? [[String: Any]] ?? []).compactMap { pair -> String? in
      guard let key = pair["Name"] as? String, let value = pair["Value"] as? String else {
        return nil
      }
      return "\(key)=\(value)"
    }
    let labels = dimensions.isEmpty ? "" : " {\(dimensions.joined(separator: ","))}"
    let comparison = Self.symbols[item["ComparisonOperator"] as? String ?? ""] ?? "?"
    let threshold = (item["Threshold"] as? Double).map { LineChart.number($0) } ?? "?"
    let points = item["DatapointsToAlarm"] as? Int ?? 0
    let periods = item["EvaluationPeriods"] as? Int ?? 0
    let period = item["Period"] as? Int ?? 0
    condition =
      "\(statistic) of \(item["MetricName"] as? String ?? "?")\(labels) \(comparison) \(threshold)"
      + " for \(points) of \(periods) periods of \(period) s"
    state = item["StateValue"] as? String ?? "INSUFFICIENT_DATA"
    reason = item["StateReason"] as? String ?? ""
  }

  /// The newest ``shownTransitions`` of an `AlarmHistoryItems` list (newest first).
  static func transitions(history: [String: Any]) -> [Transition] {
    (history["AlarmHistoryItems"] as? [[String: Any]] ?? []).prefix(shownTransitions).map {
      Transition(
        time: $0["Timestamp"] as? Double ?? 0, summary: $0["HistorySummary"] as? String ?? "",
        reason: $0["Reason"] as? String ?? "")
    }
  }

  /// CloudWatch's comparison operators as symbols.
  static let symbols = [
    "GreaterThanThreshold": ">", "GreaterThanOrEqualToThreshold": "≥",
    "LessThanThreshold": "<", "LessThanOrEqualToThreshold": "≤",
  ]

  /// The learner's alarms, with their latest transitions when `withHistory`.
  static func fetch(from agent: MetricsAgentClient, withHistory: Bool) throws -> [AlarmRow] {
    let list = try agent.json("/api/v1/alarms")
    var rows = (list["MetricAlarms"] as? [[String: Any]] ?? []).compactMap(AlarmRow.init)
    if withHistory {
      for index in rows.indices {
        // A name the agent cannot take back as a path (one a raw API client made) only
        // loses its history here.
        let history = try? agent.json("/api/v1/alarms/\(rows[index].name)/history")
        rows[index].transitions = history.map(transitions) ?? []
      }
    }
    return rows
  }
}

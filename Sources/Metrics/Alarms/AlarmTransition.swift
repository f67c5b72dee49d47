/// One entry of an alarm's history (CloudWatch's DescribeAlarmHistory `StateUpdate` items;
/// creating, changing and deleting the alarm are `ConfigurationUpdate` items).
public struct AlarmTransition: Sendable, Equatable {
  public enum Kind: String, Sendable {
    case stateUpdate = "StateUpdate"
    case configurationUpdate = "ConfigurationUpdate"
  }

  /// Unix seconds.
  public var time: Double
  public var kind: Kind
  public var oldState: AlarmState?
  public var newState: AlarmState
  public var reason: String

  public var summary: String {
    switch kind {
    case .stateUpdate:
      "Alarm updated from \(oldState?.rawValue ?? "-") to \(newState.rawValue)"
    case .configurationUpdate:
      "Alarm \(oldState == nil ? "created" : "updated")"
    }
  }
}

/// An alarm as DescribeAlarms shows it: its definition and current state.
public struct AlarmStatus: Sendable, Equatable {
  public var definition: AlarmDefinition
  public var state: AlarmState
  public var reason: String
  /// When the state last changed, in Unix seconds.
  public var updated: Double
  /// Transitions, oldest first, at most ``AlarmRegistry/maxHistory``.
  public var history: [AlarmTransition]
}

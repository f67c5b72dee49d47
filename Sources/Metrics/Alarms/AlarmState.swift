/// CloudWatch's alarm states (`StateValue`).
public enum AlarmState: String, Sendable, CaseIterable {
  case ok = "OK"
  case alarm = "ALARM"
  case insufficientData = "INSUFFICIENT_DATA"
}

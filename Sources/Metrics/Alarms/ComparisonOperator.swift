/// CloudWatch's `ComparisonOperator` (PutMetricAlarm), for the operators that compare with a
/// static threshold.
public enum ComparisonOperator: String, Sendable, CaseIterable {
  case greaterThanThreshold = "GreaterThanThreshold"
  case greaterThanOrEqualToThreshold = "GreaterThanOrEqualToThreshold"
  case lessThanThreshold = "LessThanThreshold"
  case lessThanOrEqualToThreshold = "LessThanOrEqualToThreshold"

  public func holds(_ value: Double, _ threshold: Double) -> Bool {
    switch self {
    case .greaterThanThreshold: value > threshold
    case .greaterThanOrEqualToThreshold: value >= threshold
    case .lessThanThreshold: value < threshold
    case .lessThanOrEqualToThreshold: value <= threshold
    }
  }

  /// How CloudWatch words it in a state reason ("greater than the threshold").
  var phrase: String {
    switch self {
    case .greaterThanThreshold: "greater than"
    case .greaterThanOrEqualToThreshold: "greater than or equal to"
    case .lessThanThreshold: "less than"
    case .lessThanOrEqualToThreshold: "less than or equal to"
    }
  }
}

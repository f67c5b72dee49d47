/// The body of a CloudWatch Logs JSON filter pattern (`{ … }`): comparisons of selectors with
/// values, joined by `&&` and `||` (`&&` binds tighter), grouped with parentheses.
public indirect enum JSONCondition: Sendable, Hashable {
  public enum Operator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
  }

  public enum Literal: Sendable, Hashable {
    case number(Double)
    /// A string value; `*` in it matches any run of characters.
    case string(String)
  }

  case compare(JSONSelector, Operator, Literal)
  case exists(JSONSelector)
  case notExists(JSONSelector)
  case isNull(JSONSelector)
  case isBool(JSONSelector, Bool)
  case and(JSONCondition, JSONCondition)
  case or(JSONCondition, JSONCondition)

  /// Whether a record's fields satisfy the condition. A comparison with a missing field is
  /// false, whatever the operator (CloudWatch Logs does the same).
  public func matches(_ fields: [LogField]) -> Bool {
    switch self {
    case .and(let left, let right): return left.matches(fields) && right.matches(fields)
    case .or(let left, let right): return left.matches(fields) || right.matches(fields)
    case .exists(let selector): return selector.value(in: fields) != nil
    case .notExists(let selector): return selector.value(in: fields) == nil
    case .isNull(let selector): return selector.value(in: fields) == .null
    case .isBool(let selector, let wanted): return selector.value(in: fields) == .bool(wanted)
    case .compare(let selector, let op, let literal):
      guard let value = selector.value(in: fields) else { return false }
      switch literal {
      case .number(let number):
        guard let actual = Self.numeric(value) else { return op == .notEqual }
        switch op {
        case .equal: return actual == number
        case .notEqual: return actual != number
        case .less: return actual < number
        case .lessOrEqual: return actual <= number
        case .greater: return actual > number
        case .greaterOrEqual: return actual >= number
        }
      case .string(let pattern):
        guard let text = Self.scalarText(value) else { return op == .notEqual }
        let equal = TagMatcher.wildcard(pattern).matches(text)
        return op == .equal ? equal : !equal
      }
    }
  }

  private static func numeric(_ value: LogValue) -> Double? {
    switch value {
    case .integer, .double, .string: value.number
    default: nil
    }
  }

  private static func scalarText(_ value: LogValue) -> String? {
    switch value {
    case .map, .array, .null: nil
    default: value.text
    }
  }
}

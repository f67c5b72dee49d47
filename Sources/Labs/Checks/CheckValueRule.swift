/// What a check field's value may be.
public enum CheckValueRule: Sendable, Equatable {
  /// Any non-empty text of at most 200 characters.
  case text
  case integer(ClosedRange<Int>)
  case oneOf([String])
  /// Text of at most 200 characters that the kind's validator accepts.
  case validated(CheckValueValidator)

  /// Why `value` breaks the rule, or `nil` when it is fine.
  func problem(with value: String) -> String? {
    switch self {
    case .text:
      return value.count <= 200 ? nil : "is longer than 200 characters"
    case .integer(let range):
      guard let number = Int(value), range.contains(number) else {
        return
          "must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(value.prefix(40))'"
      }
      return nil
    case .oneOf(let allowed):
      return allowed.contains(value)
        ? nil : "must be one of \(allowed.joined(separator: ", ")), not '\(value.prefix(40))'"
    case .validated(let validator):
      return CheckValueRule.text.problem(with: value) ?? validator.problem(value)
    }
  }
}

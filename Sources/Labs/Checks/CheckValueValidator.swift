/// A check field's own validation, for values only the check kind understands (a filter
/// pattern, a duration): `problem` says why a value is refused, `nil` when it is fine. Two
/// validators are equal when their names are, so kinds still compare.
public struct CheckValueValidator: Sendable, Equatable {
  /// What the value must be, e.g. "a CloudWatch Logs filter pattern".
  public let name: String
  let problem: @Sendable (String) -> String?

  public init(name: String, problem: @escaping @Sendable (String) -> String?) {
    self.name = name
    self.problem = problem
  }

  public static func == (left: CheckValueValidator, right: CheckValueValidator) -> Bool {
    left.name == right.name
  }
}

/// One label of a series (`service="unicorn"`): a DogStatsD tag `k:v`, a Prometheus label or
/// an alarm dimension. A bare DogStatsD tag `k` becomes a label with an empty value.
public struct Label: Hashable, Comparable, Sendable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }

  public static func < (lhs: Label, rhs: Label) -> Bool {
    lhs.name != rhs.name ? lhs.name < rhs.name : lhs.value < rhs.value
  }
}

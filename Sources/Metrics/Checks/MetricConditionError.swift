/// Why a metric condition's text could not be read.
public struct MetricConditionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}

/// A PutMetricAlarm field that is missing or out of bounds, named as CloudWatch names it.
public struct AlarmDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let field: String
  public let message: String

  public init(field: String, _ message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

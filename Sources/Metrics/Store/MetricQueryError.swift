/// A query parameter that cannot be answered, named so the HTTP API can say which one.
public struct MetricQueryError: Error, Sendable, Equatable, CustomStringConvertible {
  public let parameter: String
  public let message: String

  public init(parameter: String, _ message: String) {
    self.parameter = parameter
    self.message = message
  }

  public var description: String { "\(parameter): \(message)" }
}

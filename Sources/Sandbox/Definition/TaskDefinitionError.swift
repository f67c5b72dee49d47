/// A task definition that cannot run: the JSON path of the field at fault and why.
public struct TaskDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// For example `containers[1].healthCheck.port`.
  public let field: String
  public let message: String

  public init(field: String, _ message: String) {
    self.field = field
    self.message = message
  }

  public var description: String { "\(field): \(message)" }
}

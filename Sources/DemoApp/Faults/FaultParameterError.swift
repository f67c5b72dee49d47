/// Why a fault's parameters were refused; becomes `400 {"error": "<field>: <reason>"}`.
public struct FaultParameterError: Error, Sendable, Equatable, CustomStringConvertible {
  public let field: String
  public let reason: String

  public init(field: String, reason: String) {
    self.field = field
    self.reason = reason
  }

  public var description: String { "\(field): \(reason)" }
}

/// A setting the server cannot start with, with a message for the operator.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

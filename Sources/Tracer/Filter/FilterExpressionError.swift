/// A filter expression that could not be read: what was wrong and the character offset (from 0)
/// where it was found, so the caller can point at it.
public struct FilterExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
  public let message: String
  public let position: Int

  public init(_ message: String, at position: Int) {
    self.message = message
    self.position = position
  }

  public var description: String { "\(message) at position \(position)" }
}

/// A filter pattern that could not be read: what was wrong and where (0-based character
/// offset into the pattern).
public struct FilterPatternError: Error, Sendable, Hashable, CustomStringConvertible {
  public let position: Int
  public let message: String

  public init(_ message: String, at position: Int) {
    self.message = message
    self.position = position
  }

  public var description: String { "position \(position): \(message)" }
}

/// Why a line could not be parsed: what was wrong and at which byte offset.
public struct LogParseError: Error, Sendable, Hashable, CustomStringConvertible {
  public let message: String
  public let offset: Int

  public init(_ message: String, at offset: Int) {
    self.message = message
    self.offset = offset
  }

  public var description: String { "\(message) at byte \(offset)" }
}

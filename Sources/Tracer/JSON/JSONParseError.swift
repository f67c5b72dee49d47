/// Why a JSON document was refused, with the byte offset where the parser stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Reason: String, Sendable {
    case tooLarge = "document too large"
    case tooDeep = "nesting too deep"
    case unexpectedEnd = "unexpected end of input"
    case unexpectedByte = "unexpected character"
    case invalidNumber = "invalid number"
    case invalidString = "invalid string"
    case trailingData = "data after the document"
  }

  public let reason: Reason
  public let offset: Int

  public init(_ reason: Reason, at offset: Int) {
    self.reason = reason
    self.offset = offset
  }

  public var description: String { "\(reason.rawValue) at byte \(offset)" }
}

/// An error that becomes a response: a status and a message for the client. Thrown by the
/// parser (400, 413, 414, 431, 501, 505…) and by handlers.
public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
  public let status: HTTPStatus
  public let message: String

  public init(_ status: HTTPStatus, _ message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { "\(status.code) \(message)" }
}

/// Why a router could not start: a descriptor, socket or folder it could not open.
public struct RouterError: Error, Sendable, CustomStringConvertible {
  public let message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

/// A setting a demo app cannot run with, reported before anything is bound.
public struct AppConfigurationError: Error, Sendable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}

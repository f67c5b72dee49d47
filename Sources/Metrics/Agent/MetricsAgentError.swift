/// A configuration mistake of the metrics agent (a bad address, URL or limit).
public struct MetricsAgentError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String

  public init(_ description: String) {
    self.description = description
  }
}

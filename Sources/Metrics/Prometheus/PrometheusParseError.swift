/// Why a Prometheus text document was refused, with the 1-based line.
public struct PrometheusParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public let line: Int
  public let message: String

  public init(line: Int, _ message: String) {
    self.line = line
    self.message = message
  }

  public var description: String { "line \(line): \(message)" }
}

/// A configuration problem, naming the file and line: `router.conf:12: unknown filter 'gerp'`.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let message: String

  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): \(message)" }
}

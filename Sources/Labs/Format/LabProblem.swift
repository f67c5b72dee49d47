/// One thing wrong with a lab, printed by `labs check` as `file:line: message` (or `file: message`).
public struct LabProblem: Sendable, Equatable, CustomStringConvertible {
  public let file: String
  /// 1-based; `nil` when the problem concerns the file or folder as a whole.
  public let line: Int?
  public let message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
  }
}

/// One `key: value` line of a `check` block.
public struct CheckField: Sendable, Equatable {
  public let key: String
  public let value: String
  public let line: Int

  public init(key: String, value: String, line: Int) {
    self.key = key
    self.value = value
    self.line = line
  }
}

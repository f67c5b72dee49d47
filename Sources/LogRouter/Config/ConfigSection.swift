/// One `[NAME]` section of a classic Fluent Bit configuration file and its `Key value` lines
/// in order (keys may repeat: `Rule`, `Add`, `Regex`…), each with its line number.
public struct ConfigSection: Sendable {
  public struct Entry: Sendable {
    public let key: String
    public let value: String
    public let line: Int
  }

  public let name: String
  public let line: Int
  public var entries: [Entry] = []

  /// The last value of `key` (keys are case-insensitive, as in Fluent Bit).
  public func value(_ key: String) -> Entry? {
    entries.last { $0.key.lowercased() == key.lowercased() }
  }

  /// Every value of `key`, in order.
  public func values(_ key: String) -> [Entry] {
    entries.filter { $0.key.lowercased() == key.lowercased() }
  }
}

/// One key/value pair of a record; records keep their fields in order, duplicates resolved
/// by the parser (the last one wins, as in Fluent Bit's JSON parser).
public struct LogField: Sendable, Hashable {
  public var key: String
  public var value: LogValue

  public init(_ key: String, _ value: LogValue) {
    self.key = key
    self.value = value
  }
}

/// One log event in the pipeline: the tag that routes it, its time (seconds since the Unix
/// epoch, with fractions) and its fields in order — Fluent Bit's `[timestamp, map]` event
/// plus its tag.
public struct LogRecord: Sendable, Hashable {
  public var tag: String
  public var timestamp: Double
  public var fields: [LogField]

  public init(tag: String, timestamp: Double, fields: [LogField] = []) {
    self.tag = tag
    self.timestamp = timestamp
    self.fields = fields
  }

  /// The value of `key` (a top-level field); setting `nil` removes it, setting a value
  /// replaces the field in place or appends it.
  public subscript(key: String) -> LogValue? {
    get { index(of: key).map { fields[$0].value } }
    set {
      if let position = index(of: key) {
        if let newValue { fields[position].value = newValue } else { fields.remove(at: position) }
      } else if let newValue {
        fields.append(LogField(key, newValue))
      }
    }
  }

  /// The position of the top-level field `key`; records hold few fields, so a linear scan
  /// beats hashing.
  public func index(of key: String) -> Int? {
    fields.firstIndex { $0.key == key }
  }
}

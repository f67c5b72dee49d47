/// Fluent Bit's `grep` filter: `Regex KEY REGEX` keeps only records whose KEY matches (every
/// `Regex` rule must match), `Exclude KEY REGEX` drops records whose KEY matches (any rule).
/// A record without the key fails a `Regex` rule and passes an `Exclude` rule.
public struct GrepFilter: RecordFilter {
  public enum Rule: Sendable {
    case regex(RecordKey, CompiledRegex)
    case exclude(RecordKey, CompiledRegex)
  }

  public let rules: [Rule]

  public init(rules: [Rule]) { self.rules = rules }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    for rule in rules {
      switch rule {
      case .regex(let key, let regex):
        guard let value = key.value(in: record), regex.matches(value.text) else { return .drop }
      case .exclude(let key, let regex):
        if let value = key.value(in: record), regex.matches(value.text) { return .drop }
      }
    }
    return .keep
  }
}

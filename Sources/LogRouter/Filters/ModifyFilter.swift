/// Fluent Bit's `modify` filter: rules applied in order.
/// - `Set k v` writes k (overwriting); `Add k v` writes k only when it is absent;
/// - `Remove k`, `Remove_wildcard prefix*`;
/// - `Rename a b` / `Copy a b` only when a exists and b does not; `Hard_rename` /
///   `Hard_copy` overwrite b.
public struct ModifyFilter: RecordFilter {
  public enum Rule: Sendable, Equatable {
    case set(String, String)
    case add(String, String)
    case remove(String)
    case removeWildcard(String)
    case rename(String, String, hard: Bool)
    case copy(String, String, hard: Bool)
  }

  public let rules: [Rule]

  public init(rules: [Rule]) { self.rules = rules }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    for rule in rules {
      switch rule {
      case .set(let key, let value):
        record[key] = .string(value)
      case .add(let key, let value):
        if record.index(of: key) == nil { record[key] = .string(value) }
      case .remove(let key):
        record[key] = nil
      case .removeWildcard(let pattern):
        let matcher = TagMatcher.wildcard(pattern)
        record.fields.removeAll { matcher.matches($0.key) }
      case .rename(let from, let to, let hard):
        guard let position = record.index(of: from), hard || record.index(of: to) == nil else {
          continue
        }
        let value = record.fields[position].value
        record[to] = nil
        if let again = record.index(of: from) { record.fields[again] = LogField(to, value) }
      case .copy(let from, let to, let hard):
        guard let value = record[from], hard || record.index(of: to) == nil else { continue }
        record[to] = value
      }
    }
    return .keep
  }
}

/// Fluent Bit's `nest` filter.
/// - `Operation nest`: the top-level fields whose keys match any `Wildcard` move into a map
///   under `Nest_under` (their keys lose `Remove_prefix` when they start with it).
/// - `Operation lift`: the map under `Nested_under` is removed and its members become
///   top-level fields, their keys prefixed with `Add_prefix`.
public struct NestFilter: RecordFilter {
  public enum Operation: Sendable {
    case nest(wildcards: [String], under: String)
    case lift(nestedUnder: String)
  }

  public let operation: Operation
  public let addPrefix: String
  public let removePrefix: String
  private let matchers: [TagMatcher]

  public init(operation: Operation, addPrefix: String = "", removePrefix: String = "") {
    self.operation = operation
    self.addPrefix = addPrefix
    self.removePrefix = removePrefix
    if case .nest(let wildcards, _) = operation {
      matchers = wildcards.map(TagMatcher.wildcard)
    } else {
      matchers = []
    }
  }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    switch operation {
    case .nest(_, let under):
      var nested: [LogField] = []
      record.fields.removeAll { field in
        guard matchers.contains(where: { $0.matches(field.key) }) else { return false }
        nested.append(LogField(rename(field.key), field.value))
        return true
      }
      if !nested.isEmpty { record[under] = .map(nested) }
    case .lift(let nestedUnder):
      guard let position = record.index(of: nestedUnder),
        case .map(let members) = record.fields[position].value
      else { return .keep }
      record.fields.remove(at: position)
      for member in members { record[rename(member.key)] = member.value }
    }
    return .keep
  }

  private func rename(_ key: String) -> String {
    var key = key
    if !removePrefix.isEmpty, key.hasPrefix(removePrefix) { key.removeFirst(removePrefix.count) }
    return addPrefix + key
  }
}

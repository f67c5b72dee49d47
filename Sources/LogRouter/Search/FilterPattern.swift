/// A CloudWatch Logs filter pattern ("Filter pattern syntax for metric filters, subscription
/// filters and filter log events"), in the two forms this store supports:
/// - terms over the message: `ERROR`, `"quoted phrase"`, `?alternative`, `-exclusion`
///   (case-sensitive; every plain term must appear, no excluded one, and at least one `?` term
///   when there are any);
/// - a JSON pattern over the record: `{ $.status = 503 }`, `{ $.duration_ms > 1000 }`,
///   `{ $.level = "ERR*" && $.container_name != "swan" }`, `{ $.trace EXISTS }`,
///   `{ $.user NOT EXISTS }`, `{ $.user IS NULL }`.
/// An empty pattern (or `""`) matches every event.
public enum FilterPattern: Sendable, Hashable {
  case terms(required: [String], optional: [String], excluded: [String])
  case json(JSONCondition)

  /// Reads `text`; errors carry the position of the problem.
  public init(_ text: String) throws(FilterPatternError) {
    var parser = FilterPatternParser(text)
    self = try parser.parse()
  }

  /// Whether an event with `message` and (for JSON patterns) `record` fields matches.
  public func matches(message: String, record: () -> [LogField]?) -> Bool {
    switch self {
    case .terms(let required, let optional, let excluded):
      for term in required where !message.contains(term) { return false }
      for term in excluded where message.contains(term) { return false }
      return optional.isEmpty || optional.contains { message.contains($0) }
    case .json(let condition):
      guard let fields = record() else { return false }
      return condition.matches(fields)
    }
  }

  /// An FTS5 query that every matching event also matches (so it can only narrow), or `nil`
  /// when the pattern gives none. Terms shorter than a trigram cannot be looked up and are
  /// left to the exact check.
  public var fullTextQuery: String? {
    guard case .terms(let required, let optional, _) = self else { return nil }
    var parts = required.filter { $0.count >= 3 }.map(Self.quoted)
    if !optional.isEmpty, optional.allSatisfy({ $0.count >= 3 }) {
      parts.append("(" + optional.map(Self.quoted).joined(separator: " OR ") + ")")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " AND ")
  }

  /// An FTS5 string literal (`"` doubled inside).
  private static func quoted(_ term: String) -> String {
    "\"" + term.replacing("\"", with: "\"\"") + "\""
  }
}

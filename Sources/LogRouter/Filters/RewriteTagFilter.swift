/// Fluent Bit's `rewrite_tag` filter: `Rule KEY REGEX NEW_TAG KEEP` — the first rule whose
/// regex matches the KEY's value emits a copy of the record under NEW_TAG (`$TAG` in it
/// stands for the current tag), which goes through the pipeline from the start; the original
/// goes on only when KEEP is `true`.
public struct RewriteTagFilter: RecordFilter {
  public struct Rule: Sendable {
    public let key: RecordKey
    public let regex: CompiledRegex
    public let newTag: String
    public let keep: Bool

    public init(key: RecordKey, regex: CompiledRegex, newTag: String, keep: Bool) {
      self.key = key
      self.regex = regex
      self.newTag = newTag
      self.keep = keep
    }
  }

  public let rules: [Rule]

  public init(rules: [Rule]) { self.rules = rules }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    for rule in rules {
      guard let value = rule.key.value(in: record), rule.regex.matches(value.text) else { continue }
      let tag = rule.newTag.replacing("$TAG", with: record.tag)
      return .rewrite(tag: tag, keepOriginal: rule.keep)
    }
    return .keep
  }
}

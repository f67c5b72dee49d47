/// Fluent Bit's `record_modifier` filter: `Record k v` appends (or overwrites) fields,
/// `Remove_key k` removes fields, and `Allowlist_key k` (alias `Whitelist_key`), when given,
/// keeps only the listed keys.
public struct RecordModifierFilter: RecordFilter {
  public let records: [(key: String, value: String)]
  public let removeKeys: Set<String>
  public let allowlist: Set<String>

  public init(
    records: [(key: String, value: String)], removeKeys: Set<String>, allowlist: Set<String>
  ) {
    self.records = records
    self.removeKeys = removeKeys
    self.allowlist = allowlist
  }

  public mutating func apply(to record: inout LogRecord, now: UInt64) -> FilterOutcome {
    if !allowlist.isEmpty { record.fields.removeAll { !allowlist.contains($0.key) } }
    if !removeKeys.isEmpty { record.fields.removeAll { removeKeys.contains($0.key) } }
    for (key, value) in records { record[key] = .string(value) }
    return .keep
  }
}

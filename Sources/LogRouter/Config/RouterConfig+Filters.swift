import Wire

extension RouterConfig {
  /// The keys each filter plugin knows (besides `Name`, `Alias`, `Match`, `Match_Regex`).
  static func filterKeys(_ plugin: String, _ section: ConfigSection, file: String)
    throws(ConfigError) -> Set<String>
  {
    let common: Set<String> = ["Name", "Alias", "Match", "Match_Regex"]
    let specific: Set<String>
    switch plugin {
    case "grep": specific = ["Regex", "Exclude"]
    case "modify":
      specific = [
        "Set", "Add", "Remove", "Remove_wildcard", "Rename", "Hard_rename", "Copy", "Hard_copy",
      ]
    case "record_modifier": specific = ["Record", "Remove_key", "Allowlist_key", "Whitelist_key"]
    case "nest":
      specific = [
        "Operation", "Wildcard", "Nest_under", "Nested_under", "Add_prefix", "Remove_prefix",
      ]
    case "throttle": specific = ["Rate", "Window", "Interval"]
    case "rewrite_tag": specific = ["Rule"]
    case "":
      throw ConfigError(file: file, line: section.line, "[FILTER] needs 'Name'")
    default:
      throw ConfigError(file: file, line: section.value("Name")!.line, "unknown filter '\(plugin)'")
    }
    return common.union(specific)
  }

  /// Builds one filter from its section (Fluent Bit's keys and value shapes).
  static func filter(_ reader: SectionReader, plugin: String) throws(ConfigError)
    -> any RecordFilter
  {
    let entries = reader.section.entries
    func words(_ entry: ConfigSection.Entry, _ count: Int) throws(ConfigError) -> [String] {
      let parts = entry.value.split(
        maxSplits: count - 1, whereSeparator: { $0 == " " || $0 == "\t" }
      )
      .map { String($0.trimmingWhitespace()) }
      guard parts.count == count else {
        throw reader.error(entry, "'\(entry.key)' needs \(count) values, got '\(entry.value)'")
      }
      return parts
    }
    switch plugin {
    case "grep":
      var rules: [GrepFilter.Rule] = []
      for entry in entries {
        switch entry.key.lowercased() {
        case "regex", "exclude":
          let parts = try words(entry, 2)
          let key = try reader.key(entry, parts[0])
          let regex = try reader.regex(entry, parts[1])
          rules.append(
            entry.key.lowercased() == "regex" ? .regex(key, regex) : .exclude(key, regex))
        default: break
        }
      }
      guard !rules.isEmpty else {
        throw reader.error(nil, "grep needs a 'Regex' or 'Exclude' rule")
      }
      return GrepFilter(rules: rules)
    case "modify":
      var rules: [ModifyFilter.Rule] = []
      for entry in entries {
        switch entry.key.lowercased() {
        case "set":
          let p = try words(entry, 2)
          rules.append(.set(p[0], p[1]))
        case "add":
          let p = try words(entry, 2)
          rules.append(.add(p[0], p[1]))
        case "remove": rules.append(.remove(entry.value))
        case "remove_wildcard": rules.append(.removeWildcard(entry.value))
        case "rename":
          let p = try words(entry, 2)
          rules.append(.rename(p[0], p[1], hard: false))
        case "hard_rename":
          let p = try words(entry, 2)
          rules.append(.rename(p[0], p[1], hard: true))
        case "copy":
          let p = try words(entry, 2)
          rules.append(.copy(p[0], p[1], hard: false))
        case "hard_copy":
          let p = try words(entry, 2)
          rules.append(.copy(p[0], p[1], hard: true))
        default: break
        }
      }
      guard !rules.isEmpty else { throw reader.error(nil, "modify needs at least one rule") }
      return ModifyFilter(rules: rules)
    case "record_modifier":
      var records: [(key: String, value: String)] = []
      for entry in reader.section.values("Record") {
        let parts = try words(entry, 2)
        records.append((parts[0], parts[1]))
      }
      let allow = reader.section.values("Allowlist_key") + reader.section.values("Whitelist_key")
      return RecordModifierFilter(
        records: records, removeKeys: Set(reader.section.values("Remove_key").map(\.value)),
        allowlist: Set(allow.map(\.value)))
    case "nest":
      let operation = try reader.required("Operation").lowercased()
      let addPrefix = reader.string("Add_prefix") ?? ""
      let removePrefix = reader.string("Remove_prefix") ?? ""
      switch operation {
      case "nest":
        let wildcards = reader.section.values("Wildcard").map(\.value)
        guard !wildcards.isEmpty else { throw reader.error(nil, "nest needs 'Wildcard'") }
        return NestFilter(
          operation: .nest(wildcards: wildcards, under: try reader.required("Nest_under")),
          addPrefix: addPrefix, removePrefix: removePrefix)
      case "lift":
        return NestFilter(
          operation: .lift(nestedUnder: try reader.required("Nested_under")), addPrefix: addPrefix,
          removePrefix: removePrefix)
      default:
        throw reader.error(reader.section.value("Operation"), "'Operation' must be nest or lift")
      }
    case "throttle":
      let rate = try reader.int("Rate", in: 1...10_000_000) ?? 1
      let window = try reader.int("Window", in: 1...10_000) ?? 5
      let interval = try reader.seconds("Interval") ?? 1
      guard interval > 0 else {
        throw reader.error(reader.section.value("Interval"), "'Interval' must be above 0")
      }
      return ThrottleFilter(rate: rate, window: window, interval: UInt64(interval * 1e9))
    case "rewrite_tag":
      var rules: [RewriteTagFilter.Rule] = []
      for entry in reader.section.values("Rule") {
        let parts = try words(entry, 4)
        guard let keep = ["true": true, "false": false][parts[3].lowercased()] else {
          throw reader.error(
            entry, "the last value of 'Rule' must be true or false, got '\(parts[3])'")
        }
        rules.append(
          .init(
            key: try reader.key(entry, parts[0]), regex: try reader.regex(entry, parts[1]),
            newTag: parts[2], keep: keep))
      }
      guard !rules.isEmpty else { throw reader.error(nil, "rewrite_tag needs a 'Rule'") }
      return RewriteTagFilter(rules: rules)
    default:
      throw reader.error(reader.section.value("Name"), "unknown filter '\(plugin)'")
    }
  }
}

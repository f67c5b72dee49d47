/// Reads one section's values with their types, refusing keys the section does not know and
/// naming the line of every bad value.
struct SectionReader {
  let section: ConfigSection
  let file: String

  /// Checks that every key is one of `known` (case-insensitive) — a misspelt key is an error,
  /// not a silently ignored setting.
  init(_ section: ConfigSection, file: String, known: Set<String>) throws(ConfigError) {
    self.section = section
    self.file = file
    let lowered = Set(known.map { $0.lowercased() })
    for entry in section.entries where !lowered.contains(entry.key.lowercased()) {
      throw ConfigError(
        file: file, line: entry.line, "unknown key '\(entry.key)' in [\(section.name)]")
    }
  }

  func error(_ entry: ConfigSection.Entry?, _ message: String) -> ConfigError {
    ConfigError(file: file, line: entry?.line ?? section.line, message)
  }

  func string(_ key: String) -> String? { section.value(key)?.value }

  func required(_ key: String) throws(ConfigError) -> String {
    guard let value = string(key) else {
      throw error(nil, "[\(section.name)] needs '\(key)'")
    }
    return value
  }

  func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
    guard let entry = section.value(key) else { return nil }
    guard let value = Int(entry.value), range.contains(value) else {
      throw error(
        entry,
        "'\(key)' must be a whole number in \(range.lowerBound)...\(range.upperBound), got '\(entry.value)'"
      )
    }
    return value
  }

  func bool(_ key: String) throws(ConfigError) -> Bool? {
    guard let entry = section.value(key) else { return nil }
    switch entry.value.lowercased() {
    case "on", "true", "yes", "1": return true
    case "off", "false", "no", "0": return false
    default: throw error(entry, "'\(key)' must be On or Off, got '\(entry.value)'")
    }
  }

  /// A size such as `512`, `64K`, `8M`, `1G` (Fluent Bit's units, powers of 1024).
  func size(_ key: String) throws(ConfigError) -> Int? {
    guard let entry = section.value(key) else { return nil }
    var text = entry.value.uppercased()
    if text.hasSuffix("B") { text.removeLast() }
    var multiplier = 1
    switch text.last {
    case "K": multiplier = 1024
    case "M": multiplier = 1024 * 1024
    case "G": multiplier = 1024 * 1024 * 1024
    default: break
    }
    if multiplier > 1 { text.removeLast() }
    guard let number = Int(text), number > 0, number <= (1 << 40) / multiplier else {
      throw error(entry, "'\(key)' must be a positive size such as 8M, got '\(entry.value)'")
    }
    return number * multiplier
  }

  /// A duration in seconds: `1.5`, or with a unit `250ms`, `10s`, `2m`, `1h`.
  func seconds(_ key: String) throws(ConfigError) -> Double? {
    guard let entry = section.value(key) else { return nil }
    let text = entry.value.lowercased()
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    var scale = 1.0
    var number = Substring(text)
    for (suffix, factor) in units where text.hasSuffix(suffix) {
      scale = factor
      number = number.dropLast(suffix.count)
      break
    }
    guard let value = Double(number), value.isFinite, value >= 0, value * scale <= 86_400 * 365
    else {
      throw error(
        entry, "'\(key)' must be a duration such as 1.5, 250ms or 10s, got '\(entry.value)'")
    }
    return value * scale
  }

  func regex(_ entry: ConfigSection.Entry, _ pattern: String) throws(ConfigError) -> CompiledRegex {
    do {
      return try CompiledRegex(pattern)
    } catch {
      throw self.error(entry, error.message)
    }
  }

  func key(_ entry: ConfigSection.Entry, _ text: String) throws(ConfigError) -> RecordKey {
    guard let key = RecordKey(text) else { throw error(entry, "invalid record key '\(text)'") }
    return key
  }

  /// `Match` (wildcards) or `Match_Regex`; one of them is required.
  func matcher() throws(ConfigError) -> TagMatcher {
    if let entry = section.value("Match_Regex") { return .regex(try regex(entry, entry.value)) }
    if let pattern = string("Match") { return .wildcard(pattern) }
    throw error(nil, "[\(section.name)] needs 'Match' or 'Match_Regex'")
  }
}

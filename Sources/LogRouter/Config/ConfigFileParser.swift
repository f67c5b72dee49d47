/// Reads Fluent Bit's classic configuration format into sections:
///
/// ```
/// # a comment
/// [SERVICE]
///     Flush        1
///     HTTP_Server  On
/// [INPUT]
///     Name   stdin
///     Tag    app.swan
/// ```
///
/// A section header is `[NAME]` alone on its line; every other non-blank, non-comment line is
/// `Key value` (the value is the rest of the line, trimmed) inside a section. Lines longer than
/// `maxLineLength` and files with more than `maxLines` lines are refused.
public enum ConfigFileParser {
  public static let maxLines = 10_000
  public static let maxLineLength = 4096
  public static let sectionNames: Set<String> = ["SERVICE", "INPUT", "PARSER", "FILTER", "OUTPUT"]

  public static func sections(of text: String, file: String) throws(ConfigError) -> [ConfigSection]
  {
    var sections: [ConfigSection] = []
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count <= maxLines else {
      throw ConfigError(file: file, line: maxLines + 1, "more than \(maxLines) lines")
    }
    for (index, rawLine) in lines.enumerated() {
      let number = index + 1
      guard rawLine.utf8.count <= maxLineLength else {
        throw ConfigError(file: file, line: number, "line longer than \(maxLineLength) bytes")
      }
      let line = rawLine.trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("[") {
        guard line.hasSuffix("]"), line.count > 2 else {
          throw ConfigError(file: file, line: number, "malformed section header '\(line)'")
        }
        let name = line.dropFirst().dropLast().trimmingWhitespace().uppercased()
        guard sectionNames.contains(name) else {
          throw ConfigError(file: file, line: number, "unknown section '[\(name)]'")
        }
        sections.append(ConfigSection(name: name, line: number))
        continue
      }
      if line.hasPrefix("@") {
        throw ConfigError(
          file: file, line: number,
          "directives such as '\(line.prefix { $0 != " " })' are not supported")
      }
      guard !sections.isEmpty else {
        throw ConfigError(file: file, line: number, "'\(line)' is outside any section")
      }
      let key = line.prefix { $0 != " " && $0 != "\t" }
      let value = line.dropFirst(key.count).trimmingWhitespace()
      guard !value.isEmpty else {
        throw ConfigError(file: file, line: number, "key '\(key)' has no value")
      }
      sections[sections.count - 1].entries.append(
        ConfigSection.Entry(key: String(key), value: String(value), line: number))
    }
    return sections
  }
}

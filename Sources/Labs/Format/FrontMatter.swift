/// The front matter of `lab.md`: `key: value` lines between a first line `---` and the next `---`
/// (the lab format's YAML subset; see `KeyValueLine`).
struct FrontMatter {
  struct Entry: Equatable {
    let key: String
    let value: LabValue
    let line: Int
  }

  let entries: [Entry]
  /// 0-based index of the first line after the closing `---`.
  let bodyStart: Int

  /// Parses the block at the top of `lines`; a missing or unclosed block and bad lines are problems.
  static func parse(_ lines: [Substring], file: String) -> (FrontMatter, [LabProblem]) {
    guard lines.first?.trimmingSpaces() == "---" else {
      return (
        FrontMatter(entries: [], bodyStart: 0),
        [
          LabProblem(
            file: file, line: 1, message: "lab.md must start with front matter: a line '---'")
        ]
      )
    }
    var entries: [Entry] = []
    var problems: [LabProblem] = []
    var seen: [String: Int] = [:]
    var index = 1
    while index < lines.count, lines[index].trimmingSpaces() != "---" {
      let line = lines[index]
      let number = index + 1
      index += 1
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty || trimmed.first == "#" { continue }
      guard line.first != " ", line.first != "\t" else {
        problems.append(
          LabProblem(file: file, line: number, message: "front matter lines may not be indented"))
        continue
      }
      do {
        let parsed = try KeyValueLine.parse(line)
        if let earlier = seen[parsed.key] {
          problems.append(
            LabProblem(
              file: file, line: number,
              message: "'\(parsed.key)' is set twice (first at line \(earlier))"))
          continue
        }
        seen[parsed.key] = number
        entries.append(Entry(key: parsed.key, value: parsed.value, line: number))
      } catch {
        problems.append(LabProblem(file: file, line: number, message: error.message))
      }
    }
    guard index < lines.count else {
      problems.append(
        LabProblem(file: file, line: 1, message: "front matter is never closed with a line '---'"))
      return (FrontMatter(entries: entries, bodyStart: lines.count), problems)
    }
    return (FrontMatter(entries: entries, bodyStart: index + 1), problems)
  }

  subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}

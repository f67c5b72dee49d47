/// Reads one `lab.md` into a `Lab` (Labs/README.md): front matter, the intro, then one step per `## `
/// heading whose fenced `check`, `hint` and `answer` blocks are lifted out of the prose. Every problem
/// is collected with its line rather than stopping at the first.
public enum LabParser {
  public static let maximumFileSize = 1 << 20
  public static let maximumLineLength = 64 << 10
  static let frontMatterKeys = ["title", "summary", "minutes", "needs", "topology"]
  static let machineBlocks: Set<Substring> = ["check", "hint", "answer"]

  /// Parses `text`, the contents of `file` in lab folder `id`. The lab is `nil` when its front matter is
  /// unusable; otherwise it comes back even with problems, so later checks can still run.
  public static func parse(
    _ text: String, id: String, file: String, registry: CheckKindRegistry = .standard
  ) -> LabParseResult {
    guard text.utf8.count <= maximumFileSize else {
      return LabParseResult(
        lab: nil,
        problems: [LabProblem(file: file, line: nil, message: "lab.md is larger than 1 MiB")],
        links: [])
    }
    var problems: [LabProblem] = []
    let lines = boundedLines(text, file: file, problems: &problems)
    let (frontMatter, frontProblems) = FrontMatter.parse(lines, file: file)
    problems += frontProblems
    var body = LabBody(file: file, registry: registry)
    for (offset, line) in lines.enumerated().dropFirst(frontMatter.bodyStart) {
      body.consume(line, number: offset + 1)
    }
    body.finish()
    problems += body.problems
    // Links are collected from the whole file with the front matter blanked, so lines stay true.
    let prose =
      Array(repeating: "", count: frontMatter.bodyStart) + lines.dropFirst(frontMatter.bodyStart)
    let links = Markdown.document(prose.joined(separator: "\n")).links
    guard let header = header(frontMatter, file: file, problems: &problems) else {
      return LabParseResult(lab: nil, problems: problems, links: links)
    }
    let lab = Lab(
      id: id, title: header.title, summary: header.summary, minutes: header.minutes,
      needs: header.needs,
      needsLine: frontMatter["needs"]?.line, topology: header.topology, intro: body.intro,
      steps: body.steps)
    return LabParseResult(lab: lab, problems: problems, links: links)
  }

  /// Lines of `text`; a line longer than `maximumLineLength` is a problem and is read as empty.
  private static func boundedLines(_ text: String, file: String, problems: inout [LabProblem])
    -> [Substring]
  {
    let normalized = text.replacing("\r\n", with: "\n")
    var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
    for index in lines.indices where lines[index].utf8.count > maximumLineLength {
      problems.append(
        LabProblem(file: file, line: index + 1, message: "line is longer than 64 KiB"))
      lines[index] = lines[index].prefix(0)
    }
    return lines
  }

  private struct Header {
    var title = "", summary = "", minutes = 0, needs: [String] = [], topology: String?
  }

  /// Checks the front matter keys and their values (the `Lab` fields they become).
  private static func header(_ frontMatter: FrontMatter, file: String, problems: inout [LabProblem])
    -> Header?
  {
    var header = Header()
    var complete = true
    for entry in frontMatter.entries {
      let problem: String?
      switch (entry.key, entry.value) {
      case ("title", .scalar(let value)), ("summary", .scalar(let value)):
        problem = value.count > 200 ? "'\(entry.key)' is longer than 200 characters" : nil
        if entry.key == "title" { header.title = value } else { header.summary = value }
      case ("minutes", .scalar(let value)):
        header.minutes = Int(value) ?? 0
        problem =
          (1...240).contains(header.minutes)
          ? nil : "'minutes' must be a whole number from 1 to 240"
      case ("needs", .list(let ids)):
        header.needs = ids
        problem = ids.first { !LabCatalog.isLabID($0) }.map {
          "'needs' names '\($0)', which is not a lab folder name (NN-slug)"
        }
      case ("topology", .scalar(let value)):
        header.topology = value
        problem = nil
      case ("needs", .scalar):
        problem = "'needs' must be a list, like [01-meet-the-app]"
      case (let key, .list) where frontMatterKeys.contains(key):
        problem = "'\(key)' must be a single value, not a list"
      default:
        problem =
          "unknown front matter key '\(entry.key)' (known: \(frontMatterKeys.joined(separator: ", ")))"
      }
      if let problem { problems.append(LabProblem(file: file, line: entry.line, message: problem)) }
    }
    for key in ["title", "summary", "minutes"] where frontMatter[key] == nil {
      problems.append(LabProblem(file: file, line: 1, message: "front matter is missing '\(key)'"))
      complete = false
    }
    return complete && frontMatter.bodyStart > 0 ? header : nil
  }
}

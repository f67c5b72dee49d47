import Foundation
import Testing

@testable import Labs

/// `labs check` on broken lab folders: one problem each, with its exact `file:line: message`.
@Suite struct LabCatalogTests {
  static let front = TemporaryLabsFolder.frontMatter

  /// A lab `01-a` built from front matter and body, and the problems expected as `(line, message)`.
  static let brokenLabs: [(front: String, body: String, line: Int?, message: String)] = [
    (
      front, "## Start\n```check magic\nx: 1\n```", 7,
      "unknown check kind 'magic' (known: answer, fault, sandbox)"
    ),
    (
      front, "## Start\n```check sandbox\nprocess: unicorn\nstate: running\ncolour: red\n```", 10,
      "unknown field 'colour' for check kind 'sandbox' (known: process, state, health, restarts-at-least, last-exit-code, last-exit-signal)"
    ),
    (
      front, "## Start\n```check sandbox\nstate: running\n```", 7,
      "check kind 'sandbox' needs field 'process'"
    ),
    (
      front, "## Start\n```check sandbox\nprocess: unicorn\nstate: sleeping\n```", 9,
      "check field 'state' must be one of starting, running, healthy, unhealthy, frozen, backing-off, stopped, crash-loop, not 'sleeping'"
    ),
    (
      front, "## Start\n```check sandbox\nprocess: unicorn\nstate: running\nhealth: healthy\n```",
      7,
      "check kind 'sandbox' needs exactly one of state, health, restarts-at-least, last-exit-code, last-exit-signal"
    ),
    (
      front, "## Crash\n```check fault\nkind: crash\nkind: oom\n```", 9,
      "'kind' is set twice (first at line 8)"
    ),
    (
      front, "## Start\n```check\nprocess: x\n```\n```check fault\nkind: crash\n```", 7,
      "a check block names one kind after 'check', like ```check sandbox"
    ),
    (
      front, "## Start\n```check answer\n```", 7,
      "check kind 'answer' needs an answer block in the same step"
    ),
    (
      front + "\ncolour: red", TemporaryLabsFolder.step, 5,
      "unknown front matter key 'colour' (known: title, summary, minutes, needs, topology)"
    ),
    ("title: T\nsummary: S", TemporaryLabsFolder.step, 1, "front matter is missing 'minutes'"),
    (
      "title: T\nsummary: S\nminutes: 500", TemporaryLabsFolder.step, 4,
      "'minutes' must be a whole number from 1 to 240"
    ),
    (
      front + "\nneeds: 02-b", TemporaryLabsFolder.step, 5,
      "'needs' must be a list, like [01-meet-the-app]"
    ),
    (
      front + "\nneeds: [09-nope]", TemporaryLabsFolder.step, 5,
      "'needs' names '09-nope', which is not a lab here"
    ),
    (front + "\nneeds: [01-a]", TemporaryLabsFolder.step, 5, "'needs' forms a cycle: 01-a → 01-a"),
    (
      front, TemporaryLabsFolder.step + "\n" + TemporaryLabsFolder.step, 12,
      "step id 'start' is already used by the step at line 6; step titles must differ"
    ),
    (
      front, "## Read\nJust prose.", 6,
      "step 'Read' has no check and no answer, so it can never be completed"
    ),
    (front, "## \n```check fault\nkind: crash\n```", 6, "a step needs a title after '## '"),
    (
      front, "```check fault\nkind: crash\n```\n" + TemporaryLabsFolder.step, 6,
      "a 'check' block must be inside a step (a '## ' section)"
    ),
    (
      front, TemporaryLabsFolder.step + "\n```bash\necho hi", 12,
      "code fence opened here is never closed"
    ),
    (
      front, "## Pick\n```answer\nquestion: Which?\nchoices: [a, b]\ncorrect: c\n```", 10,
      "'correct' is 'c', which is not among the choices"
    ),
    (
      front, "## Pick\n```answer\nquestion: Which?\nchoices: [a, b]\n```", 7,
      "an answer with 'choices' needs 'correct'"
    ),
    (
      front, "## Pick\n```answer\nquestion: Which?\npattern: ([a-z\n```", 9,
      "'pattern' is not a valid regular expression"
    ),
    (
      front, "## Pick\n```answer\nchoices: [a, b]\ncorrect: a\n```", 7,
      "an answer block needs 'question'"
    ),
    (
      front, "## Pick\n```answer\nquestion: Q\ncorrect: a\nscore: 3\n```", 10,
      "unknown answer field 'score' (known: question, choices, correct, pattern)"
    ),
    (
      front, TemporaryLabsFolder.step + "\n```hint\nafter: 3 weeks\nLook.\n```", 13,
      "hint 'after' must be a duration from 1s to 2h, like 90s or 3m"
    ),
    (
      front, TemporaryLabsFolder.step + "\n```hint\nwhen: 2\nLook.\n```", 12,
      "hint 'when' refers to check 2 of step 'start', which has 1"
    ),
    (
      front, TemporaryLabsFolder.step + "\n```hint\nwhen: other/1\nLook.\n```", 12,
      "hint 'when' refers to step 'other', which does not exist"
    ),
    (
      front, TemporaryLabsFolder.step + "\n```hint\nafter: 30s\n```", 12,
      "a hint needs text after its keys"
    ),
    (
      front, "Read [this](javascript:alert).\n" + TemporaryLabsFolder.step, 6,
      "link 'javascript:alert' is not allowed (only http, https, mailto, #anchors and relative paths)"
    ),
    (
      front, "See ![x](data:image/png;base64,AAAA).\n" + TemporaryLabsFolder.step, 6,
      "image 'data:image/png;base64,AAAA' is not allowed (only http, https, mailto, #anchors and relative paths)"
    ),
    (
      front, "A [leak](../../../etc/passwd).\n" + TemporaryLabsFolder.step, 6,
      "link '../../../etc/passwd' leaves the labs and Content folders"
    ),
    (
      front, "x\n" + TemporaryLabsFolder.step + "\n" + String(repeating: "a", count: 70_000), 13,
      "line is longer than 64 KiB"
    ),
  ]

  @Test(arguments: brokenLabs)
  func load_reportsEachProblem(front: String, body: String, line: Int?, message: String) throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    try folder.writeLab("01-a", frontMatter: front, body: body)
    let file = "\(folder.labs)/01-a/lab.md"
    let expected = [LabProblem(file: file, line: line, message: message).description]
    #expect(try folder.load().problems == expected)
  }

  @Test func load_reportsDanglingLinksIntoContentAndOtherLabs() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    try folder.write("Content/sidecar.md", "# Sidecar\n")
    try folder.write("Labs/01-a/map.svg", "<svg/>")
    let body = """
      [ok](Content/sidecar.md) ![ok](map.svg) [ok](../02-b/lab.md) [ok](https://example.com/none) [ok](#start)
      [gone](Content/missing.md)
      ![gone](../02-b/flow.svg)
      """
    try folder.writeLab("01-a", body: body + "\n" + TemporaryLabsFolder.step)
    try folder.writeLab("02-b")
    let file = "\(folder.labs)/01-a/lab.md"
    #expect(
      try folder.load().problems == [
        "\(file):7: dangling link 'Content/missing.md': \(folder.root)/Content/missing.md does not exist",
        "\(file):8: dangling image '../02-b/flow.svg': \(folder.labs)/02-b/flow.svg does not exist",
      ])
  }

  @Test func load_reportsCyclesThroughSeveralLabs() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    try folder.writeLab("01-a", frontMatter: Self.front + "\nneeds: [02-b]")
    try folder.writeLab("02-b", frontMatter: Self.front + "\nneeds: [01-a]")
    #expect(
      try folder.load().problems == [
        "\(folder.labs)/01-a/lab.md:5: 'needs' forms a cycle: 01-a → 02-b → 01-a",
        "\(folder.labs)/02-b/lab.md:5: 'needs' forms a cycle: 02-b → 01-a → 02-b",
      ])
  }

  @Test func load_reportsFolderProblems() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    for name in ["02-empty", "Intro", ".hidden"] { try folder.makeFolder("Labs/\(name)") }
    try folder.write(
      "Labs/03-big/lab.md", String(repeating: "a", count: LabParser.maximumFileSize + 1))
    try folder.write("Labs/04-binary/lab.md", bytes: Data([0x2D, 0xFF, 0xFE]))
    try folder.makeFolder("Labs/05-fifo")
    #expect(mkfifo("\(folder.labs)/05-fifo/lab.md", 0o600) == 0)
    try folder.write("Labs/README.md", "# Labs\n")
    #expect(
      try folder.load().problems == [
        "\(folder.labs)/02-empty/lab.md: missing lab.md",
        "\(folder.labs)/03-big/lab.md: lab.md is larger than 1 MiB",
        "\(folder.labs)/04-binary/lab.md: lab.md is not valid UTF-8",
        "\(folder.labs)/05-fifo/lab.md: lab.md is not a regular file",
        "\(folder.labs)/Intro: folder name must look like NN-slug (two digits, a dash, lowercase words)",
      ])
  }

  @Test func load_acceptsAGoodLabAndSummarises() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    try folder.writeLab("01-a")
    try folder.writeLab("02-b", frontMatter: Self.front + "\nneeds: [01-a]\ntopology: swan-unicorn")
    let (catalog, problems) = try folder.load()
    #expect(problems.isEmpty)
    #expect(catalog.labs.map(\.id) == ["01-a", "02-b"])
    #expect(catalog.report == "2 labs, 2 steps: ok\n")
  }

  @Test func load_acceptsAnEmptyFolder() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    #expect(try LabCatalog.load(directory: folder.labs).report == "0 labs, 0 steps: ok\n")
  }

  @Test func load_rejectsAMissingFolder() {
    #expect(throws: LabCatalogError.self) {
      try LabCatalog.load(directory: "/nonexistent/labs-\(UUID().uuidString)")
    }
  }

  @Test func report_countsProblems() throws {
    let folder = try TemporaryLabsFolder.make()
    defer { folder.remove() }
    try folder.writeLab("01-a", body: "## Read\nJust prose.")
    let report = try LabCatalog.load(directory: folder.labs).report
    #expect(report.hasSuffix("\n1 lab, 1 step: 1 problem\n"))
  }

  /// The repository's own `Labs/` must always pass `labs check`.
  @Test func load_repositoryLabsPass() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let catalog = try LabCatalog.load(directory: repository.appendingPathComponent("Labs").path)
    #expect(catalog.problems == [])
    #expect(catalog.report.hasSuffix(": ok\n"))
  }

  @Test(arguments: [
    ("01-meet-the-app", true), ("10-a1-b2", true), ("1-a", false), ("01_a", false), ("01-A", false),
    ("01--a", false), ("01-a-", false), ("01-", false),
  ])
  func isLabID_acceptsOnlyNumberedSlugs(name: String, valid: Bool) {
    #expect(LabCatalog.isLabID(name) == valid)
  }
}

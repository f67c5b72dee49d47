import Testing

@testable import Labs

@Suite struct KeyValueLineTests {
  @Test(arguments: [
    ("title: Meet the app", "title", LabValue.scalar("Meet the app")),
    ("title: Meet # a comment", "title", .scalar("Meet")),
    ("title: C# is#fine", "title", .scalar("C# is#fine")),
    ("summary: \"Quoted: \\\"yes\\\" \\\\ \\n\"", "summary", .scalar("Quoted: \"yes\" \\ \n")),
    ("summary: 'It''s # here'", "summary", .scalar("It's # here")),
    ("needs: [01-a, \"02-b\", '03-c']  # comment", "needs", .list(["01-a", "02-b", "03-c"])),
    ("needs: []", "needs", .list([])),
    ("minutes:   30  ", "minutes", .scalar("30")),
    ("restarts-at-least: 2", "restarts-at-least", .scalar("2")),
  ])
  func parse_acceptsTheSubset(line: String, key: String, value: LabValue) throws {
    #expect(try KeyValueLine.parse(Substring(line)) == KeyValueLine(key: key, value: value))
  }

  @Test(arguments: [
    ("no colon here", "expected 'key: value', found 'no colon here'"),
    ("title:value", "expected a space after 'title:'"),
    ("title:", "'title' needs a value"),
    ("title: # only a comment", "'title' needs a value"),
    ("title: \"open", "'title': missing closing \""),
    ("title: \"a\" b", "'title': unexpected text after the closing quote"),
    ("title: \"bad \\q\"", "'title': unknown escape '\\q'"),
    ("needs: [a, b", "'needs': a list must end with ']'"),
    ("needs: [a,, b]", "'needs': empty list item"),
    ("needs: [\"a\" \"b\"]", "'needs': expected ',' between list items"),
    ("title: {a: b}", "'title': values starting with '{' are not supported; quote the value"),
    ("title: &anchor", "'title': values starting with '&' are not supported; quote the value"),
    ("-key: x", "expected 'key: value', found '-key: x'"),
  ])
  func parse_rejectsEverythingElse(line: String, message: String) {
    #expect(throws: KeyValueLine.Failure(message: message)) {
      try KeyValueLine.parse(Substring(line))
    }
  }
}

@Suite struct FrontMatterTests {
  private func parse(_ text: String) -> (FrontMatter, [String]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let (frontMatter, problems) = FrontMatter.parse(lines, file: "lab.md")
    return (frontMatter, problems.map(\.description))
  }

  @Test func parse_readsEntriesWithLines() {
    let (frontMatter, problems) = parse("---\ntitle: T\n\n# comment\nneeds: [a]\n---\nbody")
    #expect(problems.isEmpty)
    #expect(
      frontMatter.entries == [
        FrontMatter.Entry(key: "title", value: .scalar("T"), line: 2),
        FrontMatter.Entry(key: "needs", value: .list(["a"]), line: 5),
      ])
    #expect(frontMatter.bodyStart == 6)
  }

  @Test func parse_requiresOpeningLine() {
    #expect(
      parse("title: T\n---").1 == ["lab.md:1: lab.md must start with front matter: a line '---'"])
  }

  @Test func parse_reportsUnclosedBlock() {
    #expect(
      parse("---\ntitle: T").1 == ["lab.md:1: front matter is never closed with a line '---'"])
  }

  @Test func parse_reportsDuplicateAndIndentedAndBadLines() {
    let problems = parse("---\ntitle: A\ntitle: B\n  minutes: 3\nsummary \"x\"\n---").1
    #expect(
      problems == [
        "lab.md:3: 'title' is set twice (first at line 2)",
        "lab.md:4: front matter lines may not be indented",
        "lab.md:5: expected 'key: value', found 'summary \"x\"'",
      ])
  }
}

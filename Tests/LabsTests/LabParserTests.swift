import Foundation
import Testing

@testable import Labs

@Suite struct LabParserTests {
  static let lab = """
    ---
    title: "Meet the app"
    summary: Start the sandbox and watch swan call unicorn.
    minutes: 30
    needs: [00-welcome]
    topology: swan-unicorn
    ---
    Welcome to **Sidecar Lab**.

    ## Start the sandbox
    Press *Start*.

    ```check sandbox
    process: unicorn   # the callee
    state: running
    ```

    ```hint
    after: 3m

    The button is at the **top**.
    ```

    ```bash
    ## not a step
    ```

    ## Find the exit code
    ```check fault
    kind: crash
    target: unicorn
    ```
    ```check answer
    ```
    ```hint
    when: 1
    Read the status table.
    ```
    ```hint
    when: start-the-sandbox/1
    after: 90s
    Both keys.
    ```
    ```answer
    question: Which exit code did unicorn report?
    choices: [0, 1, "137"]
    correct: 137
    ```
    Then move on.

    ## Name it
    ```answer
    question: Name the signal
    pattern: (?i)sig(kill|term)
    ```
    """

  @Test func parse_buildsTheModel() throws {
    let result = LabParser.parse(Self.lab, id: "01-meet-the-app", file: "lab.md")
    #expect(result.problems == [])
    let lab = try #require(result.lab)
    #expect(lab.id == "01-meet-the-app")
    #expect(lab.title == "Meet the app")
    #expect(lab.summary == "Start the sandbox and watch swan call unicorn.")
    #expect(lab.minutes == 30)
    #expect(lab.needs == ["00-welcome"])
    #expect(lab.needsLine == 5)
    #expect(lab.topology == "swan-unicorn")
    #expect(lab.intro == "Welcome to **Sidecar Lab**.")
    #expect(lab.steps.map(\.id) == ["start-the-sandbox", "find-the-exit-code", "name-it"])

    let start = lab.steps[0]
    #expect(start.title == "Start the sandbox")
    #expect(start.line == 10)
    #expect(start.body == "Press *Start*.\n\n\n\n```bash\n## not a step\n```")
    #expect(
      start.checks == [
        CheckSpec(
          kind: "sandbox",
          fields: [
            CheckField(key: "process", value: "unicorn", line: 14),
            CheckField(key: "state", value: "running", line: 15),
          ],
          line: 13)
      ])
    #expect(
      start.hints == [
        HintSpec(after: .seconds(180), when: nil, text: "The button is at the **top**.", line: 18)
      ])
    #expect(start.answer == nil)

    let exit = lab.steps[1]
    #expect(exit.checks.map(\.kind) == ["fault", "answer"])
    #expect(exit.checks[0][field: "target"] == "unicorn")
    #expect(exit.hints[0].when == CheckReference(step: "find-the-exit-code", index: 0))
    #expect(exit.hints[1].when == CheckReference(step: "start-the-sandbox", index: 0))
    #expect(exit.hints[1].after == .seconds(90))
    #expect(
      exit.answer
        == AnswerSpec(
          question: "Which exit code did unicorn report?", choices: ["0", "1", "137"],
          correct: "137", pattern: nil, line: 44))
    #expect(exit.body == "Then move on.")

    #expect(lab.steps[2].answer?.pattern == "(?i)sig(kill|term)")
    #expect(lab.steps[2].checks.isEmpty)
  }

  @Test func parse_refusesOversizedFiles() {
    let result = LabParser.parse(
      String(repeating: "a", count: LabParser.maximumFileSize + 1), id: "01-a", file: "lab.md")
    #expect(result.lab == nil)
    #expect(result.problems.map(\.description) == ["lab.md: lab.md is larger than 1 MiB"])
  }

  @Test func parse_withoutFrontMatterHasNoLab() {
    let result = LabParser.parse("## Step\n", id: "01-a", file: "lab.md")
    #expect(result.lab == nil)
    #expect(
      result.problems.first?.description
        == "lab.md:1: lab.md must start with front matter: a line '---'")
  }

  @Test func parse_asksTheRegistryItIsGiven() {
    var registry = CheckKindRegistry.standard
    registry.register(CheckKind(name: "metric", fields: [CheckFieldRule("name", required: true)]))
    let text =
      "---\ntitle: T\nsummary: S\nminutes: 5\n---\n## Chart\n```check metric\nname: upstream_rq_5xx\n```\n"
    #expect(
      LabParser.parse(text, id: "07-metrics", file: "lab.md", registry: registry).problems == [])
    #expect(
      LabParser.parse(text, id: "07-metrics", file: "lab.md").problems.map(\.description) == [
        "lab.md:7: unknown check kind 'metric' (known: answer, fault, sandbox)"
      ])
  }

  @Test(arguments: [("90s", 90), ("3m", 180), ("2h", 7200), ("1s", 1)])
  func duration_acceptsSecondsMinutesHours(text: String, seconds: Int) {
    #expect(LabBody.duration(text) == .seconds(seconds))
  }

  @Test(arguments: ["0s", "3h", "7201s", "m", "3", "-1m", "1.5m", "99999999999999999999s"])
  func duration_rejectsOthers(text: String) {
    #expect(LabBody.duration(text) == nil)
  }
}

@Suite struct LabsReadmeTests {
  /// The complete example in Labs/README.md must itself be a valid lab.
  @Test func readmeExample_parsesWithoutProblems() throws {
    let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Labs/README.md")
    let text = try String(contentsOf: readme, encoding: .utf8)
    let start = try #require(text.range(of: "````markdown\n"))
    let end = try #require(text.range(of: "\n````", range: start.upperBound..<text.endIndex))
    let result = LabParser.parse(
      String(text[start.upperBound..<end.lowerBound]), id: "01-meet-the-app", file: "lab.md")
    #expect(result.problems == [])
    #expect(
      result.lab?.steps.map(\.id) == [
        "start-the-sandbox", "crash-unicorn", "tell-a-crash-from-a-kill",
      ])
  }
}

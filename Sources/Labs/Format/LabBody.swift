/// Splits the lines after the front matter into the intro and the steps, lifting each step's fenced
/// `check`, `hint` and `answer` blocks out of its prose (Labs/README.md "Steps").
struct LabBody {
  private let file: String
  private let registry: CheckKindRegistry
  private(set) var problems: [LabProblem] = []
  private(set) var intro = ""
  private(set) var steps: [Step] = []
  private var introLines: [Substring] = []
  private var draft: StepDraft?
  private var openFence: OpenFence?

  private struct StepDraft {
    let title: String
    let line: Int
    var prose: [Substring] = []
    var checks: [CheckSpec] = []
    var hints: [HintSpec] = []
    var answer: AnswerSpec?
  }

  private struct OpenFence {
    let fence: MarkdownFence
    let line: Int
    /// `check`, `hint` or `answer`; `nil` for a code block that stays in the prose.
    let machine: Substring?
    var lines: [(text: Substring, number: Int)] = []
  }

  init(file: String, registry: CheckKindRegistry) {
    self.file = file
    self.registry = registry
  }

  mutating func consume(_ line: Substring, number: Int) {
    if var open = openFence {
      if open.fence.isClosed(by: line) {
        openFence = nil
        if open.machine == nil { appendProse(line) } else { closeMachineBlock(open) }
      } else if open.machine == nil {
        appendProse(line)
      } else {
        open.lines.append((line, number))
        openFence = open
      }
    } else if let fence = MarkdownFence.opening(line) {
      let word = fence.language
      let machine = LabParser.machineBlocks.contains(word) ? word : nil
      if machine == nil { appendProse(line) }
      if machine != nil, draft == nil {
        problem(number, "a '\(word)' block must be inside a step (a '## ' section)")
      }
      openFence = OpenFence(fence: fence, line: number, machine: machine)
    } else if case .heading(2, let title, _) = MarkdownBlockParser.heading(
      MarkdownLine(text: line, number: number))
    {
      closeStep()
      if title.isEmpty { problem(number, "a step needs a title after '## '") }
      draft = StepDraft(title: String(title), line: number)
    } else {
      appendProse(line)
    }
  }

  /// Ends the document: reports an unclosed fence, closes the last step and resolves hint references.
  mutating func finish() {
    if let open = openFence {
      problem(open.line, "code fence opened here is never closed")
      openFence = nil
    }
    closeStep()
    intro = Self.trimmed(introLines)
    for step in steps {
      for hint in step.hints {
        guard let reference = hint.when else { continue }
        guard let target = steps.first(where: { $0.id == reference.step }) else {
          problem(hint.line, "hint 'when' refers to step '\(reference.step)', which does not exist")
          continue
        }
        if reference.index >= target.checks.count {
          problem(
            hint.line,
            "hint 'when' refers to check \(reference.index + 1) of step '\(target.id)', which has \(target.checks.count)"
          )
        }
      }
    }
  }

  private mutating func appendProse(_ line: Substring) {
    if draft == nil { introLines.append(line) } else { draft!.prose.append(line) }
  }

  private mutating func problem(_ line: Int, _ message: String) {
    problems.append(LabProblem(file: file, line: line, message: message))
  }

  /// A step needs a way to complete and an id no other step has.
  private mutating func closeStep() {
    guard let finished = draft else { return }
    draft = nil
    let id = Slug.make(finished.title)
    if let earlier = steps.first(where: { $0.id == id }) {
      problem(
        finished.line,
        "step id '\(id)' is already used by the step at line \(earlier.line); step titles must differ"
      )
    }
    if finished.checks.isEmpty, finished.answer == nil {
      problem(
        finished.line,
        "step '\(finished.title)' has no check and no answer, so it can never be completed")
    }
    for check in finished.checks where check.kind == CheckKind.answer.name && finished.answer == nil
    {
      problem(check.line, "check kind 'answer' needs an answer block in the same step")
    }
    steps.append(
      Step(
        id: id, title: finished.title, body: Self.trimmed(finished.prose), checks: finished.checks,
        hints: finished.hints, answer: finished.answer, line: finished.line))
  }

  private mutating func closeMachineBlock(_ open: OpenFence) {
    guard draft != nil else { return }
    switch open.machine {
    case "check": check(open)
    case "hint": hint(open)
    default: answer(open)
    }
  }

  /// ```` ```check KIND ```` then `key: value` fields, validated by the registered kind.
  private mutating func check(_ open: OpenFence) {
    let words = open.fence.info.split(separator: " ")
    guard words.count == 2 else {
      problem(open.line, "a check block names one kind after 'check', like ```check sandbox")
      return
    }
    let kind = String(words[1])
    var fields: [CheckField] = []
    for (key, value, line) in keyValues(open.lines) {
      guard case .scalar(let text) = value else {
        problem(line, "check field '\(key)' takes one value, not a list")
        continue
      }
      fields.append(CheckField(key: key, value: text, line: line))
    }
    let spec = CheckSpec(kind: kind, fields: fields, line: open.line)
    if let registered = registry.kind(named: kind) {
      for (line, message) in registered.problems(in: spec) { problem(line, message) }
    } else {
      problem(
        open.line, "unknown check kind '\(kind)' (known: \(registry.names.joined(separator: ", ")))"
      )
    }
    draft!.checks.append(spec)
  }

  /// ```` ```hint ```` then optional `after:` and `when:` lines, then the hint's Markdown.
  private mutating func hint(_ open: OpenFence) {
    var after: Duration?
    var when: CheckReference?
    var text: [Substring] = []
    for (line, number) in open.lines {
      if text.isEmpty, line.isBlank { continue }
      guard text.isEmpty, let field = try? KeyValueLine.parse(line),
        field.key == "after" || field.key == "when"
      else {
        text.append(line)
        continue
      }
      guard case .scalar(let value) = field.value else {
        problem(number, "hint '\(field.key)' takes one value, not a list")
        continue
      }
      if field.key == "after" {
        after = Self.duration(value)
        if after == nil {
          problem(number, "hint 'after' must be a duration from 1s to 2h, like 90s or 3m")
        }
      } else {
        when = Self.reference(value, step: Slug.make(draft!.title))
        if when == nil {
          problem(
            number,
            "hint 'when' must name a check as N or step-id/N, like 2 or find-the-exit-code/1")
        }
      }
    }
    let body = Self.trimmed(text)
    if body.isEmpty { problem(open.line, "a hint needs text after its keys") }
    draft!.hints.append(HintSpec(after: after, when: when, text: body, line: open.line))
  }

  /// ```` ```answer ```` with `question`, and `choices` + `correct`, or `correct` and/or `pattern`.
  private mutating func answer(_ open: OpenFence) {
    if let earlier = draft!.answer {
      problem(
        open.line, "a step has at most one answer block (the first is at line \(earlier.line))")
      return
    }
    var values: [String: (value: LabValue, line: Int)] = [:]
    for (key, value, line) in keyValues(open.lines) {
      if ["question", "choices", "correct", "pattern"].contains(key) {
        values[key] = (value, line)
      } else {
        problem(line, "unknown answer field '\(key)' (known: question, choices, correct, pattern)")
      }
    }
    var scalars: [String: String] = [:]
    for key in ["question", "correct", "pattern"] {
      guard let (value, line) = values[key] else { continue }
      if case .scalar(let text) = value {
        scalars[key] = text
      } else {
        problem(line, "'\(key)' must be a single value")
      }
    }
    var choices: [String]?
    if let (value, line) = values["choices"] {
      if case .list(let items) = value, (2...20).contains(items.count),
        Set(items).count == items.count
      {
        choices = items
      } else {
        problem(line, "'choices' must be a list of 2 to 20 different items")
      }
    }
    if scalars["question"] == nil { problem(open.line, "an answer block needs 'question'") }
    if let pattern = scalars["pattern"], let line = values["pattern"]?.line {
      if choices != nil { problem(line, "an answer has either 'choices' or 'pattern', not both") }
      if pattern.count > 256 {
        problem(line, "'pattern' is longer than 256 characters")
      } else if (try? Regex(pattern)) == nil {
        problem(line, "'pattern' is not a valid regular expression")
      }
    }
    if let choices {
      if let correct = scalars["correct"] {
        if !choices.contains(correct) {
          problem(
            values["correct"]!.line, "'correct' is '\(correct)', which is not among the choices")
        }
      } else {
        problem(open.line, "an answer with 'choices' needs 'correct'")
      }
    } else if scalars["correct"] == nil, scalars["pattern"] == nil {
      problem(open.line, "an answer needs 'correct' or 'pattern'")
    }
    draft!.answer = AnswerSpec(
      question: scalars["question"] ?? "", choices: choices, correct: scalars["correct"],
      pattern: scalars["pattern"],
      line: open.line)
  }

  /// The `key: value` lines of a block; blank and `#` lines are skipped, repeated keys and bad lines reported.
  private mutating func keyValues(_ lines: [(text: Substring, number: Int)]) -> [(
    String, LabValue, Int
  )] {
    var result: [(String, LabValue, Int)] = []
    var seen: [String: Int] = [:]
    for (text, number) in lines {
      let trimmed = text.trimmingSpaces()
      if trimmed.isEmpty || trimmed.first == "#" { continue }
      do {
        let field = try KeyValueLine.parse(trimmed)
        if let earlier = seen[field.key] {
          problem(number, "'\(field.key)' is set twice (first at line \(earlier))")
          continue
        }
        seen[field.key] = number
        result.append((field.key, field.value, number))
      } catch {
        problem(number, error.message)
      }
    }
    return result
  }

  /// `90s`, `3m` or `1h`: from one second to two hours.
  static func duration(_ text: String) -> Duration? {
    guard let unit = text.last, let number = Int(text.dropLast()),
      text.dropLast().allSatisfy(\.isNumber)
    else {
      return nil
    }
    let scale = ["s": 1, "m": 60, "h": 3600][unit]
    guard let scale, number <= 7200, (1...7200).contains(number * scale) else { return nil }
    return .seconds(number * scale)
  }

  /// `N` (this step's Nth check) or `step-id/N`.
  static func reference(_ text: String, step: String) -> CheckReference? {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count <= 2, let number = Int(parts.last!), (1...99).contains(number) else {
      return nil
    }
    let stepID = parts.count == 2 ? String(parts[0]) : step
    guard !stepID.isEmpty else { return nil }
    return CheckReference(step: stepID, index: number - 1)
  }

  /// Lines joined, without blank lines at either end.
  private static func trimmed(_ lines: [Substring]) -> String {
    let first = lines.firstIndex { !$0.isBlank } ?? lines.endIndex
    let last = lines.lastIndex { !$0.isBlank } ?? first
    return first < lines.endIndex ? lines[first...last].joined(separator: "\n") : ""
  }
}

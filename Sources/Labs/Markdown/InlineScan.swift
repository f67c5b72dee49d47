/// The state of one inline pass: the characters, the output so far, and the emphasis delimiters
/// waiting to be paired (CommonMark §6.2 "process emphasis", simplified to one stack).
struct InlineScan {
  let characters: [Character]
  var index = 0
  private var pieces: [Piece] = []
  private var delimiters: [EmphasisDelimiter] = []
  private var pending = ""
  private let firstLine: Int
  private var lineCursor = 0
  private var linesBeforeCursor = 0
  /// For each backtick run start, the start of the next run of the same length (the span's closer).
  private let backtickCloser: [Int: Int]

  private enum Piece {
    case html(String)
    case delimiter(Int)
  }

  init(characters: [Character], firstLine: Int) {
    self.characters = characters
    self.firstLine = firstLine
    var runs: [(start: Int, length: Int)] = []
    var position = 0
    while position < characters.count {
      if characters[position] == "`" {
        let start = position
        while position < characters.count, characters[position] == "`" { position += 1 }
        runs.append((start, position - start))
      } else {
        position += 1
      }
    }
    var closer: [Int: Int] = [:]
    var laterRunOfLength: [Int: Int] = [:]
    for run in runs.reversed() {
      if let later = laterRunOfLength[run.length] { closer[run.start] = later }
      laterRunOfLength[run.length] = run.start
    }
    backtickCloser = closer
  }

  func peek(_ offset: Int) -> Character? {
    index + offset < characters.count ? characters[index + offset] : nil
  }

  /// The source line of position `position`.
  mutating func line(at position: Int) -> Int {
    if position < lineCursor {
      lineCursor = 0
      linesBeforeCursor = 0
    }
    while lineCursor < position {
      if characters[lineCursor] == "\n" { linesBeforeCursor += 1 }
      lineCursor += 1
    }
    return firstLine + linesBeforeCursor
  }

  /// Escaped text for the current character; advances by one.
  mutating func literal(_ character: Character) {
    HTMLEscape.append(character, to: &pending)
    index += 1
  }

  /// Appends finished HTML and continues at `position`.
  mutating func emit(_ html: String, resumingAt position: Int) {
    flush()
    pieces.append(.html(html))
    index = position
  }

  /// CommonMark §2.4 backslash escapes and §6.7 a backslash before a line end as a hard break.
  mutating func backslash() {
    guard let next = peek(1) else { return literal("\\") }
    if next == "\n" {
      emit("<br>\n", resumingAt: index + 2)
    } else if next.isASCII, next.isPunctuation || next.isSymbol {
      index += 1
      literal(next)
    } else {
      literal("\\")
    }
  }

  /// CommonMark §6.7: two or more spaces before a line end make a hard break; other trailing spaces go.
  mutating func lineEnd() {
    var spaces = 0
    while spaces < index, characters[index - 1 - spaces] == " " { spaces += 1 }
    while pending.hasSuffix(" ") { pending.removeLast() }
    emit(spaces >= 2 ? "<br>\n" : "\n", resumingAt: index + 1)
  }

  /// CommonMark §6.1 code spans: a run of N backticks up to the next run of exactly N; line ends become
  /// spaces and one space is stripped from each side when both sides have one.
  mutating func codeSpan() {
    var length = 0
    while index + length < characters.count, characters[index + length] == "`" { length += 1 }
    guard index == 0 || characters[index - 1] != "`", let closer = backtickCloser[index] else {
      pending += String(repeating: "`", count: length)
      index += length
      return
    }
    var content = String(characters[(index + length)..<closer].map { $0 == "\n" ? " " : $0 })
    if content.count >= 2, content.first == " ", content.last == " ",
      content.contains(where: { $0 != " " })
    {
      content = String(content.dropFirst().dropLast())
    }
    emit("<code>\(HTMLEscape.escape(content))</code>", resumingAt: closer + length)
  }

  /// Records a run of `*` or `_` with whether it can open or close emphasis (CommonMark §6.2 flanking rules).
  mutating func delimiterRun() {
    let marker = characters[index]
    var length = 0
    while index + length < characters.count, characters[index + length] == marker { length += 1 }
    let before: Character = index > 0 ? characters[index - 1] : " "
    let after: Character = index + length < characters.count ? characters[index + length] : " "
    let leftFlanking =
      !after.isWhitespace
      && (!after.isMarkdownPunctuation || before.isWhitespace || before.isMarkdownPunctuation)
    let rightFlanking =
      !before.isWhitespace
      && (!before.isMarkdownPunctuation || after.isWhitespace || after.isMarkdownPunctuation)
    // Runs longer than three are text: nobody needs them, and refusing them bounds the tags per run.
    let pairable = length <= 3
    let canOpen =
      !pairable
      ? false
      : marker == "*"
        ? leftFlanking : leftFlanking && (!rightFlanking || before.isMarkdownPunctuation)
    let canClose =
      !pairable
      ? false
      : marker == "*"
        ? rightFlanking : rightFlanking && (!leftFlanking || after.isMarkdownPunctuation)
    flush()
    delimiters.append(
      EmphasisDelimiter(marker: marker, remaining: length, canOpen: canOpen, canClose: canClose))
    pieces.append(.delimiter(delimiters.count - 1))
    index += length
  }

  /// Pairs the delimiters and returns the finished HTML.
  mutating func finish() -> String {
    flush()
    EmphasisDelimiter.pair(&delimiters)
    var html = ""
    for piece in pieces {
      switch piece {
      case .html(let text): html += text
      case .delimiter(let number): html += delimiters[number].html
      }
    }
    return html
  }

  private mutating func flush() {
    guard !pending.isEmpty else { return }
    pieces.append(.html(pending))
    pending = ""
  }
}

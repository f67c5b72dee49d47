/// Reads the text of a ``FilterPattern``, character by character, keeping the position of
/// every token for error messages.
struct FilterPatternParser {
  private let characters: [Character]
  private var position = 0

  /// Longest pattern accepted.
  static let maxLength = 1024
  /// Deepest nesting of parentheses in a JSON pattern.
  static let maxDepth = 32

  init(_ text: String) { characters = Array(text) }

  mutating func parse() throws(FilterPatternError) -> FilterPattern {
    guard characters.count <= Self.maxLength else {
      throw FilterPatternError(
        "pattern longer than \(Self.maxLength) characters", at: Self.maxLength)
    }
    skipSpace()
    if peek() == "{" {
      position += 1
      let condition = try orExpression(depth: 0)
      skipSpace()
      guard peek() == "}" else { throw FilterPatternError("expected '}'", at: position) }
      position += 1
      skipSpace()
      guard position == characters.count else {
        throw FilterPatternError("unexpected text after '}'", at: position)
      }
      return .json(condition)
    }
    return try terms()
  }

  // MARK: Terms

  private mutating func terms() throws(FilterPatternError) -> FilterPattern {
    var required: [String] = []
    var optional: [String] = []
    var excluded: [String] = []
    while true {
      skipSpace()
      guard let first = peek() else { break }
      let start = position
      var kind = 0
      if first == "?" || first == "-" {
        kind = first == "?" ? 1 : 2
        position += 1
      }
      let term: String
      if peek() == "\"" {
        term = try quoted()
      } else {
        let wordStart = position
        while let character = peek(), !character.isWhitespace {
          guard character != "\"" && character != "{" && character != "}" else {
            throw FilterPatternError(
              "unexpected '\(character)' in a term; quote the term", at: position)
          }
          position += 1
        }
        term = String(characters[wordStart..<position])
      }
      if term.isEmpty {
        // `""` alone matches everything; a bare `?` or `-` names nothing.
        guard kind == 0 else {
          throw FilterPatternError("'\(first)' needs a term after it", at: start)
        }
        continue
      }
      switch kind {
      case 1: optional.append(term)
      case 2: excluded.append(term)
      default: required.append(term)
      }
    }
    return .terms(required: required, optional: optional, excluded: excluded)
  }

  private mutating func quoted() throws(FilterPatternError) -> String {
    let start = position
    position += 1
    var text = ""
    while let character = peek() {
      position += 1
      if character == "\\", let next = peek() {
        text.append(next)
        position += 1
        continue
      }
      if character == "\"" { return text }
      text.append(character)
    }
    throw FilterPatternError("unterminated quoted string", at: start)
  }

  // MARK: JSON patterns

  private mutating func orExpression(depth: Int) throws(FilterPatternError) -> JSONCondition {
    var left = try andExpression(depth: depth)
    while consume("||") { left = .or(left, try andExpression(depth: depth)) }
    return left
  }

  private mutating func andExpression(depth: Int) throws(FilterPatternError) -> JSONCondition {
    var left = try unary(depth: depth)
    while consume("&&") { left = .and(left, try unary(depth: depth)) }
    return left
  }

  private mutating func unary(depth: Int) throws(FilterPatternError) -> JSONCondition {
    skipSpace()
    if peek() == "(" {
      guard depth < Self.maxDepth else {
        throw FilterPatternError("parentheses nested too deeply", at: position)
      }
      position += 1
      let inner = try orExpression(depth: depth + 1)
      skipSpace()
      guard peek() == ")" else { throw FilterPatternError("expected ')'", at: position) }
      position += 1
      return inner
    }
    let selector = try selector()
    skipSpace()
    if consumeWord("EXISTS") { return .exists(selector) }
    let notPosition = position
    if consumeWord("NOT") {
      skipSpace()
      guard consumeWord("EXISTS") else {
        throw FilterPatternError("expected EXISTS after NOT", at: notPosition)
      }
      return .notExists(selector)
    }
    if consumeWord("IS") {
      skipSpace()
      if consumeWord("NULL") { return .isNull(selector) }
      if consumeWord("TRUE") { return .isBool(selector, true) }
      if consumeWord("FALSE") { return .isBool(selector, false) }
      throw FilterPatternError("expected NULL, TRUE or FALSE after IS", at: position)
    }
    let operatorPosition = position
    let op: JSONCondition.Operator
    if consume("!=") {
      op = .notEqual
    } else if consume(">=") {
      op = .greaterOrEqual
    } else if consume("<=") {
      op = .lessOrEqual
    } else if consume("=") {
      op = .equal
    } else if consume(">") {
      op = .greater
    } else if consume("<") {
      op = .less
    } else {
      throw FilterPatternError(
        "expected a comparison (=, !=, <, <=, >, >=), EXISTS, NOT EXISTS or IS NULL",
        at: operatorPosition)
    }
    skipSpace()
    let valuePosition = position
    let literal = try literal()
    if case .string = literal, op != .equal, op != .notEqual {
      throw FilterPatternError("'\(op.rawValue)' compares numbers; got a string", at: valuePosition)
    }
    return .compare(selector, op, literal)
  }

  private mutating func selector() throws(FilterPatternError) -> JSONSelector {
    guard peek() == "$" else {
      throw FilterPatternError("expected a selector such as $.status", at: position)
    }
    position += 1
    var steps: [JSONSelector.Step] = []
    while let character = peek() {
      if character == "." {
        position += 1
        let start = position
        while let next = peek(),
          next.isLetter || next.isNumber || next == "_" || next == "-" || next == "@"
        {
          position += 1
        }
        guard position > start else {
          throw FilterPatternError("expected a member name after '.'", at: start)
        }
        steps.append(.member(String(characters[start..<position])))
      } else if character == "[" {
        position += 1
        let start = position
        while let next = peek(), next.isASCII, next.isNumber { position += 1 }
        guard position > start, let index = Int(String(characters[start..<position])), peek() == "]"
        else {
          throw FilterPatternError("expected an array index such as [0]", at: start)
        }
        position += 1
        steps.append(.index(index))
      } else {
        break
      }
    }
    guard !steps.isEmpty else {
      throw FilterPatternError("expected a member after '$'", at: position)
    }
    return JSONSelector(steps: steps)
  }

  private mutating func literal() throws(FilterPatternError) -> JSONCondition.Literal {
    if peek() == "\"" { return .string(try quoted()) }
    let start = position
    while let character = peek(), !character.isWhitespace, !")}&|".contains(character) {
      position += 1
    }
    guard position > start else { throw FilterPatternError("expected a value", at: start) }
    let text = String(characters[start..<position])
    if let number = Double(text), number.isFinite { return .number(number) }
    return .string(text)
  }

  // MARK: Characters

  private func peek() -> Character? { position < characters.count ? characters[position] : nil }

  private mutating func skipSpace() {
    while let character = peek(), character.isWhitespace { position += 1 }
  }

  private mutating func consume(_ token: String) -> Bool {
    skipSpace()
    let tokenCharacters = Array(token)
    guard position + tokenCharacters.count <= characters.count,
      Array(characters[position..<(position + tokenCharacters.count)]) == tokenCharacters
    else { return false }
    position += tokenCharacters.count
    return true
  }

  /// Consumes `word` when it stands alone (not the start of a longer word).
  private mutating func consumeWord(_ word: String) -> Bool {
    let start = position
    guard consume(word) else { return false }
    if let next = peek(), next.isLetter || next.isNumber || next == "_" {
      position = start
      return false
    }
    return true
  }
}

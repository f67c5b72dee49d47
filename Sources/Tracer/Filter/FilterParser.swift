import Telemetry

/// A recursive-descent parser for X-Ray filter expressions (developer guide, "Filter
/// expressions"). Grammar, keywords case-insensitive:
///
///     expression := and ("OR" and)*
///     and        := unary ("AND" unary)*
///     unary      := "NOT" unary | primary
///     primary    := "(" expression ")" | "ok" | "error" | "fault" | "throttle"
///                 | "service" "(" string ")" ["{" expression "}"]
///                 | "edge" "(" string "," string ")" ["{" expression "}"]
///                 | field operator literal
///     field      := responsetime | duration | http.status | http.url | http.method | annotation.KEY
///     operator   := = | != | < | <= | > | >= | CONTAINS | BEGINSWITH | ENDSWITH
///
/// Nesting is bounded (`maximumDepth`) so a hostile expression cannot exhaust the stack.
public struct FilterParser {
  static let maximumDepth = 32

  private let tokens: [FilterToken]
  private var index = 0

  /// Parses `text`; an error carries the offset of the offending character.
  public static func parse(_ text: String) throws(FilterExpressionError) -> FilterExpression {
    var parser = FilterParser(tokens: try FilterLexer.tokens(text))
    let expression = try parser.expression(depth: 0)
    guard case .end = parser.current.kind else {
      throw FilterExpressionError(
        "unexpected \(parser.describe(parser.current))", at: parser.current.position)
    }
    return expression
  }

  private init(tokens: [FilterToken]) {
    self.tokens = tokens
  }

  private var current: FilterToken { tokens[index] }

  private mutating func advance() -> FilterToken {
    let token = tokens[index]
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  private func isWord(_ word: String) -> Bool {
    if case .word(let text) = current.kind { return text.lowercased() == word }
    return false
  }

  private mutating func expression(depth: Int) throws(FilterExpressionError) -> FilterExpression {
    guard depth < Self.maximumDepth else {
      throw FilterExpressionError("expression nested too deeply", at: current.position)
    }
    var left = try conjunction(depth: depth)
    while isWord("or") {
      _ = advance()
      left = .or(left, try conjunction(depth: depth))
    }
    return left
  }

  private mutating func conjunction(depth: Int) throws(FilterExpressionError) -> FilterExpression {
    var left = try unary(depth: depth)
    while isWord("and") {
      _ = advance()
      left = .and(left, try unary(depth: depth))
    }
    return left
  }

  private mutating func unary(depth: Int) throws(FilterExpressionError) -> FilterExpression {
    if isWord("not") {
      guard depth < Self.maximumDepth else {
        throw FilterExpressionError("expression nested too deeply", at: current.position)
      }
      _ = advance()
      return .not(try unary(depth: depth + 1))
    }
    return try primary(depth: depth)
  }

  private mutating func primary(depth: Int) throws(FilterExpressionError) -> FilterExpression {
    let token = advance()
    switch token.kind {
    case .punctuation("("):
      let inner = try expression(depth: depth + 1)
      try expect(")")
      return inner
    case .word(let word):
      let lowered = word.lowercased()
      if let flag = FilterExpression.Flag(rawValue: lowered) { return .flag(flag) }
      switch lowered {
      case "service":
        try expect("(")
        let name = try string()
        try expect(")")
        return .service(name, try block(depth: depth))
      case "edge":
        try expect("(")
        let source = try string()
        try expect(",")
        let target = try string()
        try expect(")")
        return .edge(source, target, try block(depth: depth))
      default:
        return try comparison(field: field(lowered, word: word, at: token.position))
      }
    default:
      throw FilterExpressionError("unexpected \(describe(token))", at: token.position)
    }
  }

  private mutating func block(depth: Int) throws(FilterExpressionError) -> FilterExpression? {
    guard case .punctuation("{") = current.kind else { return nil }
    _ = advance()
    let inner = try expression(depth: depth + 1)
    try expect("}")
    return inner
  }

  private func field(_ lowered: String, word: String, at position: Int)
    throws(FilterExpressionError)
    -> FilterExpression.Field
  {
    switch lowered {
    case "responsetime": return .responseTime
    case "duration": return .duration
    case "http.status": return .httpStatus
    case "http.url": return .httpURL
    case "http.method": return .httpMethod
    default:
      let prefix = "annotation."
      if lowered.hasPrefix(prefix), word.count > prefix.count {
        let key = String(word.dropFirst(prefix.count))
        if SegmentDecoder.isAnnotationKey(key) { return .annotation(key) }
      }
      throw FilterExpressionError("unknown keyword \"\(word)\"", at: position)
    }
  }

  /// `field operator literal`, with the operator and literal checked against the field's type:
  /// numbers for times and status, strings for URL and method, anything for annotations.
  private mutating func comparison(field: FilterExpression.Field) throws(FilterExpressionError)
    -> FilterExpression
  {
    let operatorToken = advance()
    let op: FilterExpression.Operator
    switch operatorToken.kind {
    case .comparison(let symbol):
      guard let symbolic = FilterExpression.Operator(rawValue: symbol) else {
        throw FilterExpressionError("expected an operator", at: operatorToken.position)
      }
      op = symbolic
    case .word(let word):
      guard let textual = FilterExpression.Operator(rawValue: word.uppercased()),
        word.allSatisfy(\.isLetter)
      else { throw FilterExpressionError("expected an operator", at: operatorToken.position) }
      op = textual
    default: throw FilterExpressionError("expected an operator", at: operatorToken.position)
    }
    let literalToken = advance()
    let literal: AnnotationValue
    switch literalToken.kind {
    case .number(let number):
      literal =
        number.rounded() == number && abs(number) < 9e15 ? .int(Int(number)) : .double(number)
    case .string(let text): literal = .string(text)
    case .word(let word) where ["true", "false"].contains(word.lowercased()):
      literal = .bool(word.lowercased() == "true")
    default: throw FilterExpressionError("expected a value", at: literalToken.position)
    }
    let isTextOperator = [.contains, .beginsWith, .endsWith].contains(op)
    let isString = if case .string = literal { true } else { false }
    switch field {
    case .responseTime, .duration, .httpStatus:
      guard !isTextOperator else {
        throw FilterExpressionError(
          "\(op.rawValue) needs a string field", at: operatorToken.position)
      }
      guard !isString, literal != .bool(true), literal != .bool(false) else {
        throw FilterExpressionError("expected a number", at: literalToken.position)
      }
    case .httpURL, .httpMethod:
      guard isString else {
        throw FilterExpressionError("expected a string", at: literalToken.position)
      }
    case .annotation:
      guard !isTextOperator || isString else {
        throw FilterExpressionError("expected a string", at: literalToken.position)
      }
    }
    return .comparison(field, op, literal)
  }

  private mutating func string() throws(FilterExpressionError) -> String {
    let token = advance()
    guard case .string(let text) = token.kind else {
      throw FilterExpressionError("expected a quoted name", at: token.position)
    }
    return text
  }

  private mutating func expect(_ punctuation: Character) throws(FilterExpressionError) {
    let token = advance()
    guard case .punctuation(punctuation) = token.kind else {
      throw FilterExpressionError("expected \"\(punctuation)\"", at: token.position)
    }
  }

  private func describe(_ token: FilterToken) -> String {
    switch token.kind {
    case .word(let word): "\"\(word)\""
    case .string(let text): "string \"\(text)\""
    case .number(let number): "number \(number)"
    case .comparison(let symbol): "\"\(symbol)\""
    case .punctuation(let character): "\"\(character)\""
    case .end: "end of expression"
    }
  }
}

/// Splits an X-Ray filter expression into ``FilterToken``s (X-Ray developer guide, "Filter
/// expressions"): words, double-quoted strings with `\"` and `\\` escapes, numbers, comparison
/// operators and punctuation. Expressions are bounded to `maximumLength` characters.
struct FilterLexer {
  static let maximumLength = 2_000

  static func tokens(_ text: String) throws(FilterExpressionError) -> [FilterToken] {
    let characters = Array(text)
    guard characters.count <= maximumLength else {
      throw FilterExpressionError(
        "expression longer than \(maximumLength) characters", at: maximumLength)
    }
    var tokens: [FilterToken] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      let start = index
      if character.isWhitespace {
        index += 1
      } else if character == "\"" {
        index += 1
        var value = ""
        while true {
          guard index < characters.count else {
            throw FilterExpressionError("unterminated string", at: start)
          }
          let next = characters[index]
          index += 1
          if next == "\"" { break }
          if next == "\\", index < characters.count {
            value.append(characters[index])
            index += 1
          } else {
            value.append(next)
          }
        }
        tokens.append(FilterToken(kind: .string(value), position: start))
      } else if character.isNumber
        || (character == "-" && index + 1 < characters.count
          && characters[index + 1].isNumber)
      {
        index += 1
        while index < characters.count,
          characters[index].isNumber || characters[index] == "." || characters[index] == "e"
            || characters[index] == "E"
        {
          index += 1
        }
        guard let number = Double(String(characters[start..<index])), number.isFinite else {
          throw FilterExpressionError("invalid number", at: start)
        }
        tokens.append(FilterToken(kind: .number(number), position: start))
      } else if character.isLetter || character == "_" {
        while index < characters.count,
          characters[index].isLetter || characters[index].isNumber || characters[index] == "_"
            || characters[index] == "."
        {
          index += 1
        }
        tokens.append(FilterToken(kind: .word(String(characters[start..<index])), position: start))
      } else if "<>!=".contains(character) {
        index += 1
        if index < characters.count, characters[index] == "=" { index += 1 }
        let symbol = String(characters[start..<index])
        guard symbol != "!", symbol != "==" else {
          throw FilterExpressionError("unknown operator \(symbol)", at: start)
        }
        tokens.append(FilterToken(kind: .comparison(symbol), position: start))
      } else if "(){},".contains(character) {
        index += 1
        tokens.append(FilterToken(kind: .punctuation(character), position: start))
      } else {
        throw FilterExpressionError("unexpected character \"\(character)\"", at: start)
      }
    }
    tokens.append(FilterToken(kind: .end, position: characters.count))
    return tokens
  }
}

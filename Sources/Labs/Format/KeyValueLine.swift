/// One `key: value` line of the lab format's YAML subset (YAML 1.2 §7 flow scalars and flow sequences,
/// restricted): plain scalars (a ` #` starts a comment), `"double"` quotes with `\"`, `\\`, `\n`, `\t`
/// escapes, `'single'` quotes with `''`, and `[a, "b c"]` lists of scalars. Nothing else is accepted.
struct KeyValueLine: Equatable {
  let key: String
  let value: LabValue

  /// The failure of a line, as a message for `labs check`.
  struct Failure: Error, Equatable {
    let message: String
  }

  static func parse(_ line: Substring) throws(Failure) -> KeyValueLine {
    let key = line.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    guard let first = key.first, first.isLetter, line.dropFirst(key.count).first == ":" else {
      throw Failure(message: "expected 'key: value', found '\(line.prefix(40))'")
    }
    let rest = line.dropFirst(key.count + 1)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else {
      throw Failure(message: "expected a space after '\(key):'")
    }
    return KeyValueLine(key: String(key), value: try value(rest.trimmingSpaces(), key: key))
  }

  private static func value(_ text: Substring, key: Substring) throws(Failure) -> LabValue {
    guard let first = text.first, first != "#" else {
      throw Failure(message: "'\(key)' needs a value")
    }
    if first == "[" {
      guard let close = text.lastIndex(of: "]"), isComment(text[text.index(after: close)...]) else {
        throw Failure(message: "'\(key)': a list must end with ']'")
      }
      let inner = text[text.index(after: text.startIndex)..<close]
      guard !inner.trimmingSpaces().isEmpty else { return .list([]) }
      var items: [String] = []
      var rest = inner
      while true {
        let (item, remainder) = try scalar(rest.trimmingSpaces(), key: key, inList: true)
        items.append(item)
        let after = remainder.trimmingSpaces()
        if after.isEmpty { break }
        guard after.first == "," else {
          throw Failure(message: "'\(key)': expected ',' between list items")
        }
        rest = after.dropFirst()
      }
      return .list(items)
    }
    let (item, remainder) = try scalar(text, key: key, inList: false)
    guard isComment(remainder) else {
      throw Failure(message: "'\(key)': unexpected text after the closing quote")
    }
    return .scalar(item)
  }

  /// Reads one scalar from the start of `text`; returns it and what follows.
  private static func scalar(_ text: Substring, key: Substring, inList: Bool) throws(Failure) -> (
    String, Substring
  ) {
    guard let quote = text.first else { throw Failure(message: "'\(key)': empty list item") }
    if quote == "\"" || quote == "'" {
      var result = ""
      var index = text.index(after: text.startIndex)
      while index < text.endIndex {
        let character = text[index]
        let next = text.index(after: index)
        if character == quote {
          guard quote == "'", next < text.endIndex, text[next] == "'" else {
            return (result, text[next...])
          }
          result.append("'")
          index = text.index(after: next)
        } else if character == "\\", quote == "\"", next < text.endIndex {
          switch text[next] {
          case "\"", "\\": result.append(text[next])
          case "n": result.append("\n")
          case "t": result.append("\t")
          default: throw Failure(message: "'\(key)': unknown escape '\\\(text[next])'")
          }
          index = text.index(after: next)
        } else {
          result.append(character)
          index = next
        }
      }
      throw Failure(message: "'\(key)': missing closing \(quote)")
    }
    if "{}[]&*!|>%@`".contains(quote) {
      throw Failure(
        message: "'\(key)': values starting with '\(quote)' are not supported; quote the value")
    }
    var end = text.startIndex
    while end < text.endIndex, !(inList && (text[end] == "," || text[end] == "]")) {
      if text[end] == "#", end > text.startIndex, text[text.index(before: end)] == " " { break }
      end = text.index(after: end)
    }
    let item = text[..<end].trimmingSpaces()
    guard !item.isEmpty else { throw Failure(message: "'\(key)': empty list item") }
    return (String(item), text[end...])
  }

  private static func isComment(_ text: Substring) -> Bool {
    let trimmed = text.trimmingSpaces()
    return trimmed.isEmpty || trimmed.first == "#"
  }
}

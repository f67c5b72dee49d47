/// Escapes text for HTML element content and quoted attribute values (HTML Living Standard §13.1.2.3):
/// `&`, `<`, `>`, `"` and `'` all become character references, so no input can open a tag or leave an attribute.
public enum HTMLEscape {
  public static func escape(_ text: some StringProtocol) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      append(character, to: &result)
    }
    return result
  }

  /// Appends one character, escaped, to `result`.
  static func append(_ character: Character, to result: inout String) {
    switch character {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    case "\0": result += "\u{FFFD}"
    default: result.append(character)
    }
  }
}

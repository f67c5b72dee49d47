/// HTML escaping for every dynamic value put in a page (HTML Living Standard §13.1.2–3):
/// `&`, `<`, `>`, `"` and `'` become character references, which is safe both in text and
/// in quoted attribute values.
public enum HTML {
  /// `text` with the five significant characters replaced by references.
  public static func escape(_ text: some StringProtocol) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.unicodeScalars.append(character)
      }
    }
    return result
  }
}

/// Escapes text for HTML element content and quoted attribute values (HTML Living Standard §13.1.2.3):
/// `&`, `<`, `>`, `"` and `'` all become character references, so no input can open a tag or leave an attribute.
public enum HTMLEscape {
  public static func escape(_ text: some StringProtocol) -> String {
    let utf8 = text.utf8
    // Most text needs nothing: one pass over the bytes, no copy.
    guard utf8.contains(where: needsEscaping) else { return String(text) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count + 16)
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
      case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
      case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
      case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
      case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
      case 0: bytes.append(contentsOf: "\u{FFFD}".utf8)
      default: bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The bytes ``escape(_:)`` replaces (all ASCII, so they never occur inside a multi-byte character).
  private static func needsEscaping(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""),
      UInt8(ascii: "'"), 0:
      true
    default: false
    }
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

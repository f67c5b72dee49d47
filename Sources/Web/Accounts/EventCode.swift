import Wire

/// Join codes learners type from a slide: short and built from an alphabet without look-alike
/// characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V).
public enum EventCode {
  /// Uppercase letters and digits that cannot be mistaken for each other.
  public static let alphabet = Array("34679ACDEFGHJKMNPQRTWXY")
  public static let lengths = 6...8

  /// A fresh random code of `length` characters, drawn without modulo bias.
  public static func generate(length: Int = 7) -> String {
    precondition(lengths.contains(length))
    var result = ""
    while result.count < length {
      for byte in SecureRandom.bytes(length * 2) where result.count < length {
        // Reject bytes past the largest multiple of the alphabet size (no modulo bias).
        let limit = 256 - 256 % alphabet.count
        if Int(byte) < limit { result.append(alphabet[Int(byte) % alphabet.count]) }
      }
    }
    return result
  }

  /// A code as typed: trimmed and uppercased; `nil` unless it has an allowed length and only
  /// ASCII letters and digits (configured codes need not use ``alphabet``).
  public static func normalize(_ text: String) -> String? {
    guard text.utf8.count <= 64 else { return nil }
    let code = String(text.trimmingASCIISpaces()).uppercased()
    let isLetterOrDigit = { (byte: UInt8) in
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
    guard lengths.contains(code.utf8.count), code.utf8.allSatisfy(isLetterOrDigit) else {
      return nil
    }
    return code
  }
}

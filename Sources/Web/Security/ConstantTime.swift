import COpenSSL

/// Comparisons of secrets whose running time does not depend on where the inputs differ.
public enum ConstantTime {
  /// Whether `a` and `b` hold the same bytes, compared with `CRYPTO_memcmp`. Only the lengths
  /// may leak through timing, never the position of the first difference.
  public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { left in
      b.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, a.count) == 0
      }
    }
  }

  /// Whether two strings hold the same UTF-8 bytes, in constant time.
  public static func equal(_ a: String, _ b: String) -> Bool {
    equal(Array(a.utf8), Array(b.utf8))
  }
}

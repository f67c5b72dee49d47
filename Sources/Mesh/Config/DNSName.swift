/// Host names as DNS writes them (RFC 1123 §2.1, RFC 1035 §2.3.4): dot-separated labels of
/// 1–63 letters, digits and hyphens, neither starting nor ending with a hyphen, 253 bytes in
/// all. App Mesh's `serviceDiscovery.dns.hostname` and virtual service names take this shape.
public enum DNSName {
  public static let maximumLength = 253

  /// Whether `text` is a host name; a name made only of digits and dots (an IPv4 address) is not.
  public static func isValid(_ text: some StringProtocol) -> Bool {
    let bytes = Array(text.utf8)
    guard (1...maximumLength).contains(bytes.count) else { return false }
    var sawLetter = false
    for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
      guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"),
        label.last != UInt8(ascii: "-")
      else { return false }
      for byte in label {
        let lower = byte | 0x20
        if lower >= 0x61 && lower <= 0x7A {
          sawLetter = true
        } else if !(byte >= 0x30 && byte <= 0x39) && byte != UInt8(ascii: "-") {
          return false
        }
      }
    }
    return sawLetter
  }
}

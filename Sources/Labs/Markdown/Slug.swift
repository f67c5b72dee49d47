/// Turns a heading into a URL fragment: ASCII letters and digits kept (lowercased), runs of spaces,
/// `-` and `_` become one `-`, everything else dropped; at most 64 characters; `section` when empty.
public enum Slug {
  public static func make(_ text: some StringProtocol) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in text.unicodeScalars {
      guard slug.count < 64 else { break }
      switch scalar {
      case "a"..."z", "0"..."9":
        if pendingDash, !slug.isEmpty { slug.append("-") }
        pendingDash = false
        slug.unicodeScalars.append(scalar)
      case "A"..."Z":
        if pendingDash, !slug.isEmpty { slug.append("-") }
        pendingDash = false
        slug.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
      case " ", "\t", "-", "_":
        pendingDash = true
      default:
        continue
      }
    }
    return slug.isEmpty ? "section" : slug
  }
}

/// Which tags a filter or output takes: Fluent Bit's `Match` (a pattern where `*` stands for
/// any run of characters, so `app.*` takes `app.swan` and `*` takes everything) or
/// `Match_Regex` (a regular expression searched in the tag).
public enum TagMatcher: Sendable {
  /// A `*` pattern's bytes.
  case glob([UInt8])
  case regex(CompiledRegex)

  /// A `Match` pattern.
  public static func wildcard(_ pattern: String) -> TagMatcher { .glob(Array(pattern.utf8)) }

  public func matches(_ tag: String) -> Bool {
    switch self {
    case .glob(let pattern):
      if pattern == [UInt8(ascii: "*")] { return true }
      var tag = tag
      return tag.withUTF8 { Self.glob(pattern, $0) }
    case .regex(let regex): return regex.matches(tag)
    }
  }

  /// `*` matches any run (greedy with backtracking to the last star, so it is linear for the
  /// patterns configurations use); every other byte matches itself.
  static func glob(_ pattern: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
    var p = 0
    var t = 0
    var star: (p: Int, t: Int)?
    while t < text.endIndex {
      if p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") {
        star = (p, t)
        p += 1
      } else if p < pattern.endIndex, pattern[p] == text[t] {
        p += 1
        t += 1
      } else if let resume = star {
        p = resume.p + 1
        t = resume.t + 1
        star = (resume.p, resume.t + 1)
      } else {
        return false
      }
    }
    while p < pattern.endIndex, pattern[p] == UInt8(ascii: "*") { p += 1 }
    return p == pattern.endIndex
  }
}

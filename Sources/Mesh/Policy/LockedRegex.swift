import Synchronization

/// A compiled regular expression that route tables can share across event loops. Swift's
/// `Regex` is not `Sendable`, so it lives inside a `Mutex`; a match holds the lock (uncontended
/// with one loop thread, and far cheaper than the match itself).
final class LockedRegex: Sendable {
  /// `nil` only if the pattern stopped compiling since `MatchPattern` checked it; it then matches nothing.
  private let regex: Mutex<Regex<Substring>?>

  init(_ pattern: MatchPattern) {
    regex = Mutex(try? Regex(pattern.source, as: Substring.self))
  }

  /// Whether the whole of `text` matches (Envoy's regex matchers match the whole value).
  func wholeMatches(_ text: Substring) -> Bool {
    regex.withLock { regex in
      guard let regex else { return false }
      return (try? regex.wholeMatch(in: text)) != nil
    }
  }
}

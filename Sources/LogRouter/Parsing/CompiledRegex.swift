import Synchronization

/// A regular expression compiled once and shared between threads. `Regex<AnyRegexOutput>` is
/// not Sendable, so the one compiled value is owned by a `Mutex` and lent to each match.
public final class CompiledRegex: Sendable {
  public let pattern: String
  private let regex: Mutex<Regex<AnyRegexOutput>>

  /// Compiles `pattern` (Swift `Regex` syntax, which accepts the PCRE/Onigmo forms Fluent Bit
  /// configurations use, such as `(?<name>…)`).
  public init(_ pattern: String) throws(LogParseError) {
    do {
      regex = Mutex(try Regex(pattern))
    } catch {
      throw LogParseError("invalid regular expression '\(pattern)': \(error)", at: 0)
    }
    self.pattern = pattern
  }

  /// Whether the expression matches anywhere in `text` (an unanchored search).
  public func matches(_ text: String) -> Bool {
    regex.withLock { text.contains($0) }
  }

  /// The named groups of the first match in `text`, in order, or `nil` when nothing matched.
  public func namedGroups(in text: String) -> [(name: String, value: String)]? {
    regex.withLock { regex in
      guard let match = text.firstMatch(of: regex) else { return nil }
      return match.output.compactMap { element in
        guard let name = element.name, let value = element.substring else { return nil }
        return (name, String(value))
      }
    }
  }
}

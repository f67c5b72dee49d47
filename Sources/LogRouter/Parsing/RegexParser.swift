/// A parser from a regular expression with named groups (Fluent Bit's `regex` format): each
/// named group that took part in the first match becomes a string field. The expression is
/// compiled once, when the configuration is read.
public struct RegexParser: Sendable {
  private let regex: CompiledRegex

  /// Compiles `pattern`; it must name at least one group (`(?<name>…)`).
  public init(pattern: String) throws(LogParseError) {
    guard pattern.contains("(?<") || pattern.contains("(?P<") else {
      throw LogParseError("the regular expression names no group (?<name>…)", at: 0)
    }
    regex = try CompiledRegex(pattern)
  }

  public func parse(_ text: String) throws(LogParseError) -> [LogField] {
    guard let groups = regex.namedGroups(in: text) else {
      throw LogParseError("line does not match the regular expression", at: 0)
    }
    return groups.map { LogField($0.name, .string($0.value)) }
  }
}

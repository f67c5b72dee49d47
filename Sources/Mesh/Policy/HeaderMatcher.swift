import Wire

/// One compiled header condition of a route (see `HeaderMatchConfig` for the rules).
struct HeaderMatcher: Sendable {
  enum Rule: Sendable {
    case present
    case exact(String)
    case prefix(String)
    case suffix(String)
    case regex(LockedRegex)
    case range(Int, Int)
  }

  let name: String
  let invert: Bool
  let rule: Rule

  init(_ config: HeaderMatchConfig) {
    name = config.name
    invert = config.invert
    switch config.rule {
    case nil: rule = .present
    case .exact(let text): rule = .exact(text)
    case .prefix(let text): rule = .prefix(text)
    case .suffix(let text): rule = .suffix(text)
    case .regex(let pattern): rule = .regex(LockedRegex(pattern))
    case .range(let start, let end): rule = .range(start, end)
    }
  }

  /// Envoy's header matching: several fields of one name are joined with `,`; a missing header
  /// fails every value rule whatever `invert` says, and `present` is inverted like the others.
  func matches(_ headers: HTTPHeaders) -> Bool {
    var value: String?
    for field in headers.fields where field.name.equalsIgnoringASCIICase(name) {
      value = value.map { "\($0),\(field.value)" } ?? field.value
    }
    guard let value else {
      if case .present = rule { return invert }
      return false
    }
    return matches(value) != invert
  }

  private func matches(_ value: String) -> Bool {
    switch rule {
    case .present: true
    case .exact(let text): value == text
    case .prefix(let text): value.utf8.starts(with: text.utf8)
    case .suffix(let text): value.utf8.reversed().starts(with: text.utf8.reversed())
    case .regex(let regex): regex.wholeMatches(Substring(value))
    case .range(let start, let end):
      Int(value.trimmingASCIISpaces()).map { $0 >= start && $0 < end } ?? false
    }
  }
}

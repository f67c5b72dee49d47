/// The shape of one check kind: the fields it accepts and requires. The check engine registers one per
/// kind it can evaluate; `labs check` validates every ```` ```check ```` block against it.
public struct CheckKind: Sendable, Equatable {
  public let name: String
  public let fields: [CheckFieldRule]
  /// Names of which exactly one must be present (empty: no such rule).
  public let exactlyOneOf: [String]

  public init(name: String, fields: [CheckFieldRule], exactlyOneOf: [String] = []) {
    self.name = name
    self.fields = fields
    self.exactlyOneOf = exactlyOneOf
  }

  /// Problems with `spec`'s fields, each with the line it concerns.
  func problems(in spec: CheckSpec) -> [(line: Int, message: String)] {
    var problems: [(line: Int, message: String)] = []
    var seen: [String: Int] = [:]
    for field in spec.fields {
      if let earlier = seen[field.key] {
        problems.append(
          (field.line, "check field '\(field.key)' is set twice (first at line \(earlier))"))
        continue
      }
      seen[field.key] = field.line
      guard let rule = fields.first(where: { $0.name == field.key }) else {
        let known = fields.map(\.name).joined(separator: ", ")
        let hint = known.isEmpty ? "it takes no fields" : "known: \(known)"
        problems.append(
          (field.line, "unknown field '\(field.key)' for check kind '\(name)' (\(hint))"))
        continue
      }
      if let problem = rule.value.problem(with: field.value) {
        problems.append((field.line, "check field '\(field.key)' \(problem)"))
      }
    }
    for rule in fields where rule.isRequired && seen[rule.name] == nil {
      problems.append((spec.line, "check kind '\(name)' needs field '\(rule.name)'"))
    }
    let present = exactlyOneOf.filter { seen[$0] != nil }
    if !exactlyOneOf.isEmpty, present.count != 1 {
      let names = exactlyOneOf.joined(separator: ", ")
      problems.append((spec.line, "check kind '\(name)' needs exactly one of \(names)"))
    }
    return problems
  }
}

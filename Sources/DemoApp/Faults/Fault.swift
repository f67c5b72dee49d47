/// An active fault: its kind and a validated value for every parameter of that kind.
public struct Fault: Sendable, Equatable {
  public let kind: FaultKind
  public let values: [String: Int]

  /// Checks `object` (a parsed JSON object) against the kind's parameters: every parameter
  /// present, an integer inside its range, and no other field.
  public init(kind: FaultKind, object: [String: JSONValue]) throws(FaultParameterError) {
    var values: [String: Int] = [:]
    for parameter in kind.parameters {
      let bounds =
        "must be an integer between \(parameter.range.lowerBound) and \(parameter.range.upperBound)"
      guard let value = object[parameter.name] else {
        throw FaultParameterError(field: parameter.name, reason: "is missing; \(bounds)")
      }
      guard case .number(let number) = value, let integer = Int(exactly: number) else {
        throw FaultParameterError(field: parameter.name, reason: bounds)
      }
      guard parameter.range.contains(integer) else {
        throw FaultParameterError(field: parameter.name, reason: bounds)
      }
      values[parameter.name] = integer
    }
    let known = Set(kind.parameters.map(\.name))
    if let extra = object.keys.sorted().first(where: { !known.contains($0) }) {
      throw FaultParameterError(field: extra, reason: "is not a parameter of \(kind.rawValue)")
    }
    self.kind = kind
    self.values = values
  }

  /// The value of parameter `name` (0 for a name the kind does not have).
  public subscript(name: String) -> Int { values[name] ?? 0 }
}

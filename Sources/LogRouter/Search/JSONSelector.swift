/// A CloudWatch Logs JSON selector: `$.a.b`, `$.list[0].id`, `$.*`-free paths into a record.
public struct JSONSelector: Sendable, Hashable, CustomStringConvertible {
  public enum Step: Sendable, Hashable {
    case member(String)
    case index(Int)
  }

  public let steps: [Step]

  public init(steps: [Step]) { self.steps = steps }

  /// The value the path leads to in an object's fields.
  public func value(in fields: [LogField]) -> LogValue? {
    var current = LogValue.map(fields)
    for step in steps {
      switch (step, current) {
      case (.member(let name), .map(let members)):
        guard let member = members.first(where: { $0.key == name }) else { return nil }
        current = member.value
      case (.index(let index), .array(let values)):
        guard values.indices.contains(index) else { return nil }
        current = values[index]
      default:
        return nil
      }
    }
    return current
  }

  public var description: String {
    "$"
      + steps.map { step in
        switch step {
        case .member(let name): ".\(name)"
        case .index(let index): "[\(index)]"
        }
      }.joined()
  }
}

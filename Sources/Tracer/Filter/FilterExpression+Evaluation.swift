import Telemetry

extension FilterExpression {
  /// Whether `facts` satisfy the expression. `service("x") { e }` holds when some segment of x
  /// satisfies e, `edge("a", "b") { e }` when some call from a to b does; without a block, when
  /// the service or edge appears in the trace. An annotation compared with a value of another
  /// type does not match.
  public func matches(_ facts: TraceFacts) -> Bool {
    switch self {
    case .and(let left, let right): return left.matches(facts) && right.matches(facts)
    case .or(let left, let right): return left.matches(facts) || right.matches(facts)
    case .not(let inner): return !inner.matches(facts)
    case .flag(let flag):
      switch flag {
      case .ok: return !facts.fault && !facts.error && !facts.throttle
      case .error: return facts.error
      case .fault: return facts.fault
      case .throttle: return facts.throttle
      }
    case .comparison(let field, let op, let literal):
      return Self.compare(field, op, literal, facts)
    case .service(let name, let inner):
      guard let segments = facts.services[name] else { return false }
      return inner.map { inner in segments.contains { inner.matches($0) } } ?? true
    case .edge(let source, let target, let inner):
      guard let calls = facts.edges[source]?[target] else { return false }
      return inner.map { inner in calls.contains { inner.matches($0) } } ?? true
    }
  }

  private static func compare(
    _ field: Field, _ op: Operator, _ literal: AnnotationValue, _ facts: TraceFacts
  ) -> Bool {
    switch field {
    case .responseTime: return compare(.double(facts.responseTime), op, literal)
    case .duration: return compare(.double(facts.duration), op, literal)
    case .httpStatus:
      guard let status = facts.http.status else { return false }
      return compare(.int(status), op, literal)
    case .httpURL:
      guard let url = facts.http.url else { return false }
      return compare(.string(url), op, literal)
    case .httpMethod:
      guard let method = facts.http.method else { return false }
      return compare(.string(method), op, literal)
    case .annotation(let key):
      return facts.annotations.contains { $0.key == key && compare($0.value, op, literal) }
    }
  }

  private static func compare(_ value: AnnotationValue, _ op: Operator, _ literal: AnnotationValue)
    -> Bool
  {
    switch (number(value), number(literal)) {
    case (let left?, let right?): return order(left, op, right)
    case (nil, nil): break
    default: return false
    }
    switch (value, literal) {
    case (.string(let left), .string(let right)):
      switch op {
      case .contains: return left.contains(right)
      case .beginsWith: return left.hasPrefix(right)
      case .endsWith: return left.hasSuffix(right)
      default: return order(left, op, right)
      }
    case (.bool(let left), .bool(let right)):
      switch op {
      case .equal: return left == right
      case .notEqual: return left != right
      default: return false
      }
    default: return false
    }
  }

  private static func number(_ value: AnnotationValue) -> Double? {
    switch value {
    case .int(let number): Double(number)
    case .double(let number): number
    default: nil
    }
  }

  private static func order<T: Comparable>(_ left: T, _ op: Operator, _ right: T) -> Bool {
    switch op {
    case .equal: left == right
    case .notEqual: left != right
    case .less: left < right
    case .lessOrEqual: left <= right
    case .greater: left > right
    case .greaterOrEqual: left >= right
    case .contains, .beginsWith, .endsWith: false
    }
  }
}

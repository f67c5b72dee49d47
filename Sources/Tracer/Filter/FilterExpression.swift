import Telemetry

/// A parsed X-Ray filter expression (developer guide, "Filter expressions"); see
/// ``FilterParser`` for the grammar and ``FilterExpression/matches(_:)`` for its meaning.
public indirect enum FilterExpression: Sendable, Equatable {
  /// The keywords `ok`, `error`, `fault`, `throttle`.
  public enum Flag: String, Sendable { case ok, error, fault, throttle }

  /// Fields a comparison reads.
  public enum Field: Sendable, Equatable {
    case responseTime, duration, httpStatus, httpURL, httpMethod
    case annotation(String)
  }

  public enum Operator: String, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case contains = "CONTAINS"
    case beginsWith = "BEGINSWITH"
    case endsWith = "ENDSWITH"
  }

  case and(FilterExpression, FilterExpression)
  case or(FilterExpression, FilterExpression)
  case not(FilterExpression)
  case flag(Flag)
  case comparison(Field, Operator, AnnotationValue)
  /// `service("name")`, optionally `{ expression }` over that service's segments.
  case service(String, FilterExpression?)
  /// `edge("source", "target")`, optionally `{ expression }` over the calls between them.
  case edge(String, String, FilterExpression?)

  /// Whether evaluating needs the trace's segments (services, edges, annotations), not just its
  /// summary row.
  public var needsSegments: Bool {
    switch self {
    case .and(let left, let right), .or(let left, let right):
      left.needsSegments || right.needsSegments
    case .not(let inner): inner.needsSegments
    case .flag: false
    case .comparison(let field, _, _):
      if case .annotation = field { true } else { false }
    case .service, .edge: true
    }
  }
}

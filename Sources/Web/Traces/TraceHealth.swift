import Tracer

/// How healthy a service or call looks, for the map's colours: `faults` when at least 1 % of
/// the responses were faults (5xx), else `errors` when at least 5 % were errors or throttles
/// (4xx), else `ok` (the X-Ray console colours the same classes red, orange and green).
enum TraceHealth: String, Sendable {
  case ok
  case errors
  case faults

  /// Share of faults from which a node or edge is `faults`.
  static let faultThreshold = 0.01
  /// Share of errors and throttles from which it is `errors`.
  static let errorThreshold = 0.05

  init(_ statistics: GraphStatistics) {
    if statistics.faultShare >= Self.faultThreshold {
      self = .faults
    } else if statistics.errorShare >= Self.errorThreshold {
      self = .errors
    } else {
      self = .ok
    }
  }

  /// The word shown beside the colour, so health does not depend on colour alone (WCAG 1.4.1).
  var label: String {
    switch self {
    case .ok: "ok"
    case .errors: "errors (4xx)"
    case .faults: "faults (5xx)"
    }
  }
}

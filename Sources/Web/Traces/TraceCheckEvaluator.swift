import Foundation
import Labs
import Tracer

/// `check trace` (Labs/README.md): at least `min` of the learner's traces match the X-Ray
/// filter expression `filter` within `window` before now, or since the step started when no
/// window is given. Matching goes through `GetTraceSummaries`, as the trace list does.
struct TraceCheckEvaluator: CheckEvaluator {
  /// Most traces a check may ask for (one summaries page).
  static let maxCount = 100

  /// The kind's shape: `filter` is required; `window` as for `logs`; `min` is 1…``maxCount``.
  static let kind = CheckKind(
    name: "trace",
    fields: [
      CheckFieldRule(
        "filter", required: true,
        .validated(CheckValueValidator(name: "an X-Ray filter expression", problem: problem))),
      CheckFieldRule("window", .validated(LogsCheckEvaluator.window)),
      CheckFieldRule("min", .integer(1...maxCount)),
    ])

  let clock: @Sendable () -> Date

  init(clock: @escaping @Sendable () -> Date = { Date() }) {
    self.clock = clock
  }

  var kind: CheckKind { Self.kind }

  /// Why `filter` is not a valid expression (with the position), `nil` when it is: what
  /// `labs check` reports for the field.
  static func problem(filter: String) -> String? {
    do {
      _ = try FilterParser.parse(filter)
      return nil
    } catch {
      return "is not a valid filter expression: \(error)"
    }
  }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    let filter = check[field: "filter"] ?? ""
    if let problem = Self.problem(filter: filter) {
      return .failed("the check's filter \(problem)")
    }
    let wanted = check[field: "min"].flatMap(Int.init) ?? 1
    guard (1...Self.maxCount).contains(wanted) else {
      return .failed("the check's min must be 1 to \(Self.maxCount)")
    }
    let now = clock().timeIntervalSince1970
    let start: Double
    let when: String
    if let text = check[field: "window"] {
      guard let seconds = LogsCheckEvaluator.seconds(text) else {
        return .failed("the check's window must be a duration such as 30s, 5m or 1h")
      }
      start = now - seconds
      when = "in the last \(text)"
    } else {
      start = context.stepStartedAt
      when = "since the step started"
    }
    var found = 0
    if let store = try context.traces() {
      found = try TraceSummaryScan(
        queries: TraceQueries(store: store), start: start, end: now, filter: filter, keep: wanted,
        stopAfter: wanted
      ).matched
    }
    if found >= wanted { return .passed }
    return .pending("found \(min(found, wanted)) of \(wanted) traces matching \(filter) \(when)")
  }
}

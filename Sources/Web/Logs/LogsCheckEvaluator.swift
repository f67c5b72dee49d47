import Foundation
import Labs
import LogRouter

/// `check logs` (Labs/README.md): the learner's log store holds at least `min` lines matching
/// the CloudWatch Logs filter pattern `filter` (in `container` / from `source`, when given)
/// within `window` before now, or since the step started when no window is given.
///
/// Log lines are stamped by the log router's wall clock, so the window is measured on
/// `clock` (the wall clock in the server).
struct LogsCheckEvaluator: CheckEvaluator {
  /// Most lines a check may ask for (one store page).
  static let maxCount = LogStore.maxPageSize
  /// Longest window: a day.
  static let maxWindow = 86_400.0

  /// The kind's shape: `filter` is required; `min` is 1…``maxCount``.
  static let kind = CheckKind(
    name: "logs",
    fields: [
      CheckFieldRule("filter", required: true, .validated(pattern)),
      CheckFieldRule("container"),
      CheckFieldRule("source", .oneOf(["stdout", "stderr"])),
      CheckFieldRule("window", .validated(window)),
      CheckFieldRule("min", .integer(1...maxCount)),
    ])

  /// `labs check` refuses a `filter` that is not a filter pattern, naming the position.
  static let pattern = CheckValueValidator(name: "a CloudWatch Logs filter pattern") { text in
    do {
      _ = try FilterPattern(text)
      return nil
    } catch {
      return "is not a valid filter pattern: \(error)"
    }
  }

  /// `labs check` refuses a `window` that is not a duration (`logs` and `trace` share it).
  static let window = CheckValueValidator(name: "a duration") { text in
    seconds(text) == nil
      ? "must be a duration such as 30s, 5m or 1h, at most \(Int(maxWindow) / 3600)h" : nil
  }

  let clock: @Sendable () -> Date

  init(clock: @escaping @Sendable () -> Date = { Date() }) {
    self.clock = clock
  }

  var kind: CheckKind { Self.kind }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    let filter = check[field: "filter"] ?? ""
    do { _ = try FilterPattern(filter) } catch {
      return .failed("the check's filter is not a valid pattern (\(error))")
    }
    let wanted = check[field: "min"].flatMap(Int.init) ?? 1
    guard (1...Self.maxCount).contains(wanted) else {
      return .failed("the check's min must be 1 to \(Self.maxCount)")
    }
    let start: Double
    let when: String
    if let text = check[field: "window"] {
      guard let seconds = Self.seconds(text) else {
        return .failed("the check's window must be a duration such as 30s, 5m or 1h")
      }
      start = clock().timeIntervalSince1970 - seconds
      when = "in the last \(text)"
    } else {
      start = context.stepStartedAt
      when = "since the step started"
    }
    let container = check[field: "container"]
    let source = check[field: "source"]
    let found =
      try context.logs()?.query(
        filter: filter, container: container, source: source, start: start, limit: wanted
      ).records.count ?? 0
    if found >= wanted { return .passed }
    let scope =
      (container.map { " in \($0)" } ?? "") + (source.map { " on \($0)" } ?? "")
    return .pending("found \(found) of \(wanted) lines matching \(filter)\(scope) \(when)")
  }

  /// `30s`, `5m`, `1h` as seconds, 1 s to ``maxWindow``; `nil` for anything else.
  static func seconds(_ text: String) -> Double? {
    guard let unit = text.last, text.count >= 2, text.count <= 8,
      let number = Int(text.dropLast()), number > 0
    else { return nil }
    let scale: Double? =
      switch unit {
      case "s": 1
      case "m": 60
      case "h": 3600
      default: nil
      }
    guard let scale, Double(number) * scale <= maxWindow else { return nil }
    return Double(number) * scale
  }
}

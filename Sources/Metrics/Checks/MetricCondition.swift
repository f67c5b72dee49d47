/// The `metric` check kind: a statistic of a metric over a recent window compared with a
/// threshold, written as
///
///     p99(upstream_rq_time{service="unicorn"}) over 1m < 200
///     rate(envoy.cluster.unicorn.upstream_rq_5xx) over 30s <= 0.5
///
/// `STAT(NAME[{label="value",…}]) over N(s|m|h) (<|<=|>|>=) NUMBER`, where STAT is one of
/// ``Statistic``, NAME a StatsD or Prometheus metric name and label values use the
/// Prometheus escapes. The window is at most a day.
public struct MetricCondition: Sendable, Equatable {
  public static let maxLength = 1024

  public var name: String
  public var labels: [Label]
  public var statistic: Statistic
  /// Seconds, 1…86400.
  public var window: Int64
  public var comparison: ComparisonOperator
  public var threshold: Double

  public init(
    name: String, labels: [Label] = [], statistic: Statistic, window: Int64,
    comparison: ComparisonOperator, threshold: Double
  ) {
    self.name = name
    self.labels = labels.sorted()
    self.statistic = statistic
    self.window = window
    self.comparison = comparison
    self.threshold = threshold
  }

  /// Parses the text form; errors say what was expected.
  public init(parsing text: String) throws(MetricConditionError) {
    guard text.utf8.count <= Self.maxLength else {
      throw MetricConditionError("longer than \(Self.maxLength) bytes")
    }
    var cursor = PrometheusCursor(Array(text.utf8), line: 1)
    cursor.skipSpaces()
    let statText = cursor.scan { PrometheusCursor.isIdentifierByte($0, first: false, colon: false) }
    guard let statistic = Statistic(rawValue: statText) else {
      throw MetricConditionError(
        "expected a statistic (\(Statistic.allCases.map(\.rawValue).joined(separator: ", "))), got '\(statText)'"
      )
    }
    cursor.skipSpaces()
    guard cursor.peek == UInt8(ascii: "(") else {
      throw MetricConditionError("expected '(' after \(statText)")
    }
    cursor.advance()
    cursor.skipSpaces()
    let name = cursor.scan {
      StatsDParser.isNameByte($0) && $0 != UInt8(ascii: "{") && $0 != UInt8(ascii: ")")
    }
    guard !name.isEmpty, name.utf8.count <= StatsDParser.maxNameLength else {
      throw MetricConditionError("expected a metric name")
    }
    var labels: [Label] = []
    cursor.skipSpaces()
    do {
      if cursor.peek == UInt8(ascii: "{") {
        cursor.advance()
        cursor.skipSpaces()
        while cursor.peek != UInt8(ascii: "}") {
          let labelName = try cursor.labelName()
          cursor.skipSpaces()
          try cursor.expect(UInt8(ascii: "="))
          cursor.skipSpaces()
          labels.append(Label(labelName, try cursor.quotedValue()))
          cursor.skipSpaces()
          if cursor.peek == UInt8(ascii: ",") {
            cursor.advance()
            cursor.skipSpaces()
          } else if cursor.peek != UInt8(ascii: "}") {
            throw MetricConditionError("expected ',' or '}' in the labels")
          }
          guard labels.count <= 32 else { throw MetricConditionError("more than 32 labels") }
        }
        cursor.advance()
        cursor.skipSpaces()
      }
      try cursor.expect(UInt8(ascii: ")"))
    } catch let error as PrometheusParseError {
      throw MetricConditionError(error.message)
    } catch let error as MetricConditionError {
      throw error
    } catch {
      throw MetricConditionError("\(error)")
    }
    cursor.skipSpaces()
    guard cursor.word() == "over" else { throw MetricConditionError("expected 'over WINDOW'") }
    cursor.skipSpaces()
    let windowText = cursor.word()
    guard let window = Self.seconds(windowText), (1...86_400).contains(window) else {
      throw MetricConditionError(
        "expected a window such as 30s, 5m or 1h (at most 24h), got '\(windowText)'")
    }
    cursor.skipSpaces()
    let operatorText = cursor.word()
    let comparison: ComparisonOperator
    switch operatorText {
    case "<": comparison = .lessThanThreshold
    case "<=": comparison = .lessThanOrEqualToThreshold
    case ">": comparison = .greaterThanThreshold
    case ">=": comparison = .greaterThanOrEqualToThreshold
    default: throw MetricConditionError("expected <, <=, > or >=, got '\(operatorText)'")
    }
    cursor.skipSpaces()
    let thresholdText = cursor.word()
    guard let threshold = PrometheusTextParser.goFloat(thresholdText), threshold.isFinite else {
      throw MetricConditionError("expected a threshold number, got '\(thresholdText)'")
    }
    cursor.skipSpaces()
    guard cursor.isAtEnd else { throw MetricConditionError("unexpected text after the threshold") }
    self.init(
      name: name, labels: labels, statistic: statistic, window: window, comparison: comparison,
      threshold: threshold)
  }

  /// Evaluates over the window that ends at the store clock's current second.
  /// - Returns: whether the comparison holds (never with no data) and the observed value.
  public func evaluate(in store: MetricStore) -> (holds: Bool, observed: Double?) {
    let end = Int64(store.clock.now().rounded(.down)) + 1
    let observed = store.aggregate(
      name: name, labels: labels, statistic: statistic, start: end - window, end: end)
    return (observed.map { comparison.holds($0, threshold) } ?? false, observed)
  }

  private static func seconds(_ text: String) -> Int64? {
    guard let unit = text.last, let amount = Int64(text.dropLast()), amount > 0, amount < 100_000
    else { return nil }
    switch unit {
    case "s": return amount
    case "m": return amount * 60
    case "h": return amount * 3600
    default: return nil
    }
  }
}

import Labs
import Metrics
import Wire

/// `check metric` (Labs/README.md): a statistic of one of the sandbox's metrics over a recent
/// window satisfies a comparison, written as a ``MetricCondition``:
///
///     condition: p99(envoy.cluster.cds_ingress_demo_unicorn-v1_http_8080.upstream_rq_time) over 1m < 200
///
/// The learner's metrics agent judges it on its own store and clock (every matching series
/// merged, so a p99 is over all their samples); a window with no data never holds. A sandbox
/// or agent that is not running leaves the check pending, saying so.
struct MetricCheckEvaluator: CheckEvaluator {
  /// The kind's shape: one required `condition`, refused by `labs check` when it does not parse.
  static let kind = CheckKind(
    name: "metric",
    fields: [CheckFieldRule("condition", required: true, .validated(condition))])

  /// `labs check` refuses a `condition` that is not a metric condition, saying what was expected.
  static let condition = CheckValueValidator(name: "a metric condition") { text in
    problem(condition: text).map { "is not a valid metric condition: \($0)" }
  }

  /// Why `text` is not a metric condition, `nil` when it is.
  static func problem(condition text: String) -> String? {
    do throws(MetricConditionError) {
      _ = try MetricCondition(parsing: text)
      return nil
    } catch {
      return error.description
    }
  }

  var kind: CheckKind { Self.kind }

  func evaluate(_ check: CheckSpec, context: any CheckContext) throws -> CheckOutcome {
    let text = check[field: "condition"] ?? ""
    if let problem = Self.problem(condition: text) {
      return .failed("the check's condition is not valid (\(problem))")
    }
    let answer: [String: Any]
    do throws(HTTPError) {
      let agent = try MetricsAgentClient.locate(in: context.sandboxStatus())
      answer = try agent.json("/api/v1/metrics/condition?expr=" + WebApp.queryEncoded(text))
    } catch {
      return .pending(error.message)
    }
    if answer["holds"] as? Bool == true { return .passed }
    let observed = (answer["observed"] as? Double).map { "it is \(LineChart.number($0))" }
    return .pending("\(text) does not hold yet: \(observed ?? "no data in the window")")
  }
}

/// A question for the store: `stat` of series `name` carrying `labels`, from `start` to
/// `end` (Unix seconds, end excluded), one point per `step` seconds.
public struct MetricQuery: Sendable, Equatable {
  /// Most points one series may have in an answer (as Prometheus limits range queries).
  public static let maxPoints: Int64 = 11_000

  public var name: String
  public var labels: [Label]
  public var statistic: Statistic
  public var start: Int64
  public var end: Int64
  public var step: Int64

  /// Checks the bounds: a name, start before end, a positive step and at most `maxPoints`.
  public init(
    name: String, labels: [Label] = [], statistic: Statistic, start: Int64, end: Int64,
    step: Int64
  ) throws(MetricQueryError) {
    guard !name.isEmpty, name.utf8.count <= StatsDParser.maxNameLength else {
      throw MetricQueryError(parameter: "name", "wants a metric name of 1-250 bytes")
    }
    guard step > 0, step <= SeriesData.minuteRetention else {
      throw MetricQueryError(parameter: "step", "wants 1-86400 seconds")
    }
    guard start < end else { throw MetricQueryError(parameter: "end", "must be after start") }
    guard (end - start) / step <= Self.maxPoints else {
      throw MetricQueryError(
        parameter: "step", "gives more than \(Self.maxPoints) points; use a larger step")
    }
    self.name = name
    self.labels = labels
    self.statistic = statistic
    self.start = start
    self.end = end
    self.step = step
  }
}

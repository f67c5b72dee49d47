/// What the intake saw, so that every line sent is accounted for: accepted, refused as
/// malformed (by reason) or refused because it would have created a series past the limit.
public struct IntakeStats: Sendable, Equatable {
  public var datagrams = 0
  /// Lines folded into a series (StatsD lines, scraped samples, recorded gauges).
  public var accepted = 0
  public var malformed: [StatsDError: Int] = [:]
  /// Samples refused because their series would have passed the series limit.
  public var refusedSeries = 0
  public var series = 0
  public var scrapes = 0
  public var scrapeFailures = 0

  public init() {}

  public var malformedTotal: Int { malformed.values.reduce(0, +) }
}

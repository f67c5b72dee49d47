import Wire

extension MetricsAgent {
  /// Where the agent listens and what it keeps.
  public struct Configuration: Sendable {
    /// UDP address of the StatsD intake.
    public var statsd: SocketAddress
    /// TCP address of the HTTP API.
    public var http: SocketAddress
    /// SQLite file for the minute buckets; nil keeps everything in memory.
    public var dataPath: String?
    /// The Prometheus endpoints to scrape (the sidecars' `/stats/prometheus`).
    public var scrapeTargets: [ScrapeTarget] = []
    public var scrapeInterval: Duration = .seconds(10)
    /// Series beyond this are refused and counted. A sandbox's sidecars emit a few hundred;
    /// each full series holds up to a day of buckets, so the bound is also the memory bound.
    public var maxSeries = MetricStore.defaultMaxSeries
    /// How often minute buckets are written to `dataPath`.
    public var persistInterval: Duration = .seconds(5)

    public init(statsd: SocketAddress, http: SocketAddress) {
      self.statsd = statsd
      self.http = http
    }
  }
}

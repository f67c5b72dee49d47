/// The service graph over a time window, summed from the per-minute aggregates: each service's
/// own responses and each edge's calls.
public struct ServiceGraph: Sendable, Equatable {
  public var services: [String: GraphStatistics] = [:]
  public var edges: [ServiceEdge: GraphStatistics] = [:]

  public init() {}
}

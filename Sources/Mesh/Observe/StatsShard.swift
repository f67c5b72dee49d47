import Synchronization

/// The stats one event loop updates. Each loop owns one shard, so hot counters never bounce
/// between cores; readers add the shards up. Lookups (`cluster`, `listener`) take a lock and are
/// meant for configuration time: keep the returned objects and update them directly.
public final class StatsShard: Sendable {
  private let clusters = Mutex<[String: ClusterStats]>([:])
  private let listeners = Mutex<[String: ListenerStats]>([:])
  private let rateLimit = RateLimitCounter.allCases.map { _ in StatCell() }

  init() {}

  /// The stats of cluster `name`, made on first use (they outlive configuration reloads, as Envoy's do).
  public func cluster(_ name: String) -> ClusterStats {
    clusters.withLock { clusters in
      if let known = clusters[name] { return known }
      let made = ClusterStats(name: name)
      clusters[name] = made
      return made
    }
  }

  /// The stats of the HTTP connection manager with stat prefix `prefix` (`ingress`, `egress`).
  public func listener(_ prefix: String) -> ListenerStats {
    listeners.withLock { listeners in
      if let known = listeners[prefix] { return known }
      let made = ListenerStats(prefix: prefix)
      listeners[prefix] = made
      return made
    }
  }

  public func count(_ counter: RateLimitCounter, _ amount: UInt64 = 1) {
    rateLimit[counter.rawValue].add(amount)
  }
  public func value(_ counter: RateLimitCounter) -> UInt64 { rateLimit[counter.rawValue].value }

  var clusterList: [ClusterStats] { clusters.withLock { Array($0.values) } }
  var listenerList: [ListenerStats] { listeners.withLock { Array($0.values) } }
}

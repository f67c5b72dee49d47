import Synchronization

/// The server state `/ready` reports, as Envoy's: `INITIALIZING` while clusters warm — until
/// every event loop has had a first active health-check result for every host it checks —
/// then `LIVE`. A loop with no health-checked cluster is warm at once. (A sandbox's agent
/// waits on `/ready`, so nothing is sent through a sidecar whose hosts are still pending.)
public final class ProxyReadiness: Sendable {
  private let coldLoops: Atomic<Int>

  /// - Parameter loops: every event loop of every listener that shares this admin listener.
  public init(loops: Int) { coldLoops = Atomic(loops) }

  public var isLive: Bool { coldLoops.load(ordering: .acquiring) <= 0 }

  /// Called once by each loop when its clusters are warm.
  func loopWarmed() { coldLoops.subtract(1, ordering: .releasing) }
}

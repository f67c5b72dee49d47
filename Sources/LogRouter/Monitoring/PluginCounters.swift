import Synchronization

/// The counters of one plugin instance. The pipeline adds to them once per batch or chunk,
/// not per record, so one small lock is cheap.
public final class PluginCounters: Sendable {
  public let name: String
  private let values = Mutex([Int](repeating: 0, count: PluginCounter.allCases.count))

  public init(name: String) { self.name = name }

  func add(_ counter: PluginCounter, _ amount: Int) {
    guard amount != 0 else { return }
    values.withLock { $0[counter.rawValue] += amount }
  }

  /// The current value of one counter.
  public func value(_ counter: PluginCounter) -> Int {
    values.withLock { $0[counter.rawValue] }
  }
}

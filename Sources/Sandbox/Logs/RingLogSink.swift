import Synchronization

/// The default ``LogSink``: a bounded ring of lines per container. When a ring is full the
/// oldest line is evicted and counted in ``evicted(sandboxID:container:)`` — never lost silently.
public final class RingLogSink: LogSink {
  public let capacity: Int
  private let rings: Mutex<[String: LineRing]>

  public init(capacity: Int = 2000) {
    self.capacity = max(1, capacity)
    rings = Mutex([:])
  }

  public func append(_ line: LogLine, sandboxID: String, container: String) {
    rings.withLock { rings in
      rings[Self.key(sandboxID, container), default: LineRing(capacity: capacity)].append(line)
    }
  }

  public func recent(sandboxID: String, container: String, limit: Int) -> [LogLine] {
    rings.withLock { $0[Self.key(sandboxID, container)]?.newest(limit) ?? [] }
  }

  /// Lines evicted from a full ring so far.
  public func evicted(sandboxID: String, container: String) -> Int {
    rings.withLock { $0[Self.key(sandboxID, container)]?.evicted ?? 0 }
  }

  public func remove(sandboxID: String) {
    rings.withLock { rings in rings = rings.filter { !$0.key.hasPrefix(sandboxID + "/") } }
  }

  private static func key(_ sandboxID: String, _ container: String) -> String {
    "\(sandboxID)/\(container)"
  }
}

import Synchronization
import Telemetry

/// The tracer's counters, so every document is accounted for: received = accepted + rejected
/// (by reason); accepted = stored + dropped (queue full, store failure) + still queued.
public final class TracerStatistics: Sendable {
  public struct Counts: Sendable, Equatable {
    public var received = 0
    public var accepted = 0
    public var stored = 0
    public var rejected: [SegmentRejection: Int] = [:]
    public var droppedQueueFull = 0
    public var droppedStoreError = 0
    /// Datagrams the kernel discarded because the UDP receive buffer was full.
    public var droppedKernel = 0

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
  }

  private let counts = Mutex(Counts())

  public init() {}

  public var snapshot: Counts { counts.withLock { $0 } }

  func update(_ body: (inout Counts) -> Void) { counts.withLock { body(&$0) } }

  func reject(_ reason: SegmentRejection, received: Int = 1) {
    counts.withLock {
      $0.received += received
      $0.rejected[reason, default: 0] += 1
    }
  }

  /// The counters as JSON (served at `GET /stats`), every rejection reason listed.
  public func jsonDocument(queued: Int, unattributedCalls: Int) -> [UInt8] {
    let counts = snapshot
    var writer = JSONWriter()
    writer.beginObject()
    for (key, value) in [
      ("received", counts.received), ("accepted", counts.accepted), ("stored", counts.stored),
      ("rejected_total", counts.rejectedTotal), ("dropped_queue_full", counts.droppedQueueFull),
      ("dropped_store_error", counts.droppedStoreError),
      ("dropped_kernel", counts.droppedKernel), ("queued", queued),
      ("unattributed_calls", unattributedCalls),
    ] {
      writer.key(key)
      writer.int(value)
    }
    writer.key("rejected")
    writer.beginObject()
    for reason in SegmentRejection.allCases {
      writer.key(reason.rawValue)
      writer.int(counts.rejected[reason] ?? 0)
    }
    writer.endObject()
    writer.endObject()
    return writer.bytes
  }
}

import Telemetry

/// Which service each recently seen segment and subsegment id belongs to, so a remote
/// subsegment sent on its own (which names only its `parent_id`) can become an edge from the
/// right service, even when it arrives before its segment. Both maps are bounded: when full
/// they start over, and calls still waiting are counted as unattributed.
struct ServiceDirectory {
  let capacity: Int
  private var owners: [UInt64: String] = [:]
  private var waiting: [UInt64: [(entity: UInt64, nested: [UInt64], calls: [RemoteCall])]] = [:]
  private var waitingCount = 0
  /// Remote calls dropped because their segment never came while they waited.
  private(set) var unattributed = 0

  init(capacity: Int = 100_000) {
    self.capacity = capacity
  }

  /// Notes `record`'s ids and returns the calls that can now be attributed: `(service, call)`.
  mutating func resolve(_ record: SegmentRecord) -> [(service: String, call: RemoteCall)] {
    if let service = record.service ?? record.parentID.flatMap({ owners[$0.value] }) {
      return settle(
        service: service, ids: [record.id.value] + record.nestedIDs, calls: record.remoteCalls)
    }
    guard let parent = record.parentID?.value else { return [] }
    if waitingCount >= capacity {
      unattributed += waiting.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.calls.count } }
      waiting.removeAll(keepingCapacity: true)
      waitingCount = 0
    }
    waiting[parent, default: []].append((record.id.value, record.nestedIDs, record.remoteCalls))
    waitingCount += 1
    return []
  }

  /// Records that `ids` belong to `service` and releases whatever waited on them.
  private mutating func settle(service: String, ids: [UInt64], calls: [RemoteCall])
    -> [(service: String, call: RemoteCall)]
  {
    var result = calls.map { (service, $0) }
    if waiting.isEmpty {
      // Nothing waits (the usual case: segments carry their subsegments): note the owners.
      for id in ids { note(id, owner: service) }
      return result
    }
    var pending = ids
    while let id = pending.popLast() {
      note(id, owner: service)
      if let children = waiting.removeValue(forKey: id) {
        waitingCount -= children.count
        for child in children {
          result += child.calls.map { (service, $0) }
          pending += [child.entity] + child.nested
        }
      }
    }
    return result
  }

  private mutating func note(_ id: UInt64, owner service: String) {
    if owners.count >= capacity { owners.removeAll(keepingCapacity: true) }
    owners[id] = service
  }
}

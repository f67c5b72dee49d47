import Telemetry

/// Which service each recently seen segment and subsegment id belongs to, so calls become
/// edges from the right service whatever order their documents arrive in (X-Ray developer
/// guide, "Service graph"):
/// - a remote subsegment sent on its own names only its `parent_id`: its calls wait for the
///   segment that owns that id;
/// - a segment whose parent belongs to another service is a call from that service (a proxy's
///   hop, an app behind its sidecar): the edge goes from the parent's owner to the segment's
///   service, and waits for the owner when the child came first (the usual order: a callee
///   finishes, and reports, before its caller);
/// - a remote subsegment whose call reached a traced segment is drawn through that segment,
///   not as an inferred node of its own (when the child came first); when the call came first
///   and named the child's service already (an OpenTelemetry client span and its server
///   span), the child adds no second count of that edge.
/// Every map is bounded: when full it starts over, and what still waited is counted as
/// unattributed.
struct ServiceDirectory {
  let capacity: Int
  private var owners: [UInt64: String] = [:]
  private var waiting: [UInt64: [(entity: UInt64, nested: [UInt64], calls: [RemoteCall])]] = [:]
  private var waitingCount = 0
  /// Calls from a parent's owner to a child segment, by the parent's id.
  private var childCalls: [UInt64: [RemoteCall]] = [:]
  private var childCallCount = 0
  /// Ids that a segment named as its parent: their remote calls were traced downstream.
  private var tracedParents: Set<UInt64> = []
  /// Remote calls already counted as edges: their subsegment's id and the called name.
  private var countedCalls: [UInt64: String] = [:]
  /// Calls dropped because their caller never came while they waited.
  private(set) var unattributed = 0

  init(capacity: Int = 100_000) {
    self.capacity = capacity
  }

  /// Notes `record`'s ids and returns the calls that can now be attributed: `(service, call)`.
  mutating func resolve(_ record: SegmentRecord) -> [(service: String, call: RemoteCall)] {
    var result: [(service: String, call: RemoteCall)] = []
    if !record.isSubsegment, let parent = record.parentID?.value {
      result += callFromParent(parent, to: record)
    }
    if let service = record.service ?? record.parentID.flatMap({ owners[$0.value] }) {
      return result
        + settle(
          service: service, ids: [record.id.value] + record.nestedIDs, calls: record.remoteCalls)
    }
    guard let parent = record.parentID?.value else { return result }
    if waitingCount >= capacity {
      unattributed += waiting.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.calls.count } }
      waiting.removeAll(keepingCapacity: true)
      waitingCount = 0
    }
    waiting[parent, default: []].append((record.id.value, record.nestedIDs, record.remoteCalls))
    waitingCount += 1
    return result
  }

  /// The call from `parent`'s owner to the completed segment `record`: now when the owner is
  /// known, later (in ``settle(service:ids:calls:)``) when it is not.
  private mutating func callFromParent(_ parent: UInt64, to record: SegmentRecord)
    -> [(service: String, call: RemoteCall)]
  {
    if tracedParents.count >= capacity { tracedParents.removeAll(keepingCapacity: true) }
    tracedParents.insert(parent)
    guard let end = record.endTime else { return [] }
    let call = RemoteCall(
      target: record.name, startTime: record.startTime, endTime: end, fault: record.fault,
      error: record.error, throttle: record.throttle, status: record.http.status)
    if countedCalls[parent] == record.name { return [] }
    if let owner = owners[parent] { return owner == record.name ? [] : [(owner, call)] }
    if childCallCount >= capacity {
      unattributed += childCallCount
      childCalls.removeAll(keepingCapacity: true)
      childCallCount = 0
    }
    childCalls[parent, default: []].append(call)
    childCallCount += 1
    return []
  }

  /// Records that `ids` belong to `service` and releases whatever waited on them. Remote
  /// calls a segment already answered as their child are left to that child's edge.
  private mutating func settle(service: String, ids: [UInt64], calls: [RemoteCall])
    -> [(service: String, call: RemoteCall)]
  {
    var result = count(calls, from: service)
    if waiting.isEmpty && childCalls.isEmpty {
      // Nothing waits (segments carry their subsegments, parents came first): note the owners.
      for id in ids { note(id, owner: service) }
      return result
    }
    var pending = ids
    while let id = pending.popLast() {
      note(id, owner: service)
      if let calls = childCalls.removeValue(forKey: id) {
        childCallCount -= calls.count
        result += calls.filter { $0.target != service }.map { (service, $0) }
      }
      if let children = waiting.removeValue(forKey: id) {
        waitingCount -= children.count
        for child in children {
          result += count(child.calls, from: service)
          pending += [child.entity] + child.nested
        }
      }
    }
    return result
  }

  /// The remote calls of `service` that no traced child answered, noted as counted.
  private mutating func count(_ calls: [RemoteCall], from service: String)
    -> [(service: String, call: RemoteCall)]
  {
    let untraced = calls.filter { !tracedParents.contains($0.id) }
    if countedCalls.count + untraced.count > capacity {
      countedCalls.removeAll(keepingCapacity: true)
    }
    for call in untraced { countedCalls[call.id] = call.target }
    return untraced.map { (service, $0) }
  }

  private mutating func note(_ id: UInt64, owner service: String) {
    if owners.count >= capacity { owners.removeAll(keepingCapacity: true) }
    owners[id] = service
  }
}

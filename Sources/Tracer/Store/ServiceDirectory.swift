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

  /// A call attributed to the service that made it.
  typealias Attributed = (_ service: String, _ call: RemoteCall) -> Void

  /// Notes the ids of the record at `record` (read in place: an argument would be a copy) and
  /// hands `emit` each call that can now be attributed.
  mutating func resolve(_ record: UnsafePointer<SegmentRecord>, emit: Attributed) {
    if !record.pointee.isSubsegment, let parent = record.pointee.parentID?.value {
      callFromParent(parent, to: record, emit: emit)
    }
    if let service = record.pointee.service ?? record.pointee.parentID.flatMap({ owners[$0.value] })
    {
      settle(
        service: service, id: record.pointee.id.value, nested: record.pointee.nestedIDs,
        calls: record.pointee.remoteCalls, emit: emit)
      return
    }
    guard let parent = record.pointee.parentID?.value else { return }
    if waitingCount >= capacity {
      unattributed += waiting.values.reduce(0) { $0 + $1.reduce(0) { $0 + $1.calls.count } }
      waiting.removeAll(keepingCapacity: true)
      waitingCount = 0
    }
    waiting[parent, default: []].append(
      (record.pointee.id.value, record.pointee.nestedIDs, record.pointee.remoteCalls))
    waitingCount += 1
  }

  /// The call from `parent`'s owner to the completed segment at `record`: now when the owner is
  /// known, later (in ``settle(service:id:nested:calls:emit:)``) when it is not.
  private mutating func callFromParent(
    _ parent: UInt64, to record: UnsafePointer<SegmentRecord>, emit: Attributed
  ) {
    if tracedParents.count >= capacity { tracedParents.removeAll(keepingCapacity: true) }
    tracedParents.insert(parent)
    guard let end = record.pointee.endTime else { return }
    let name = record.pointee.name
    if countedCalls[parent] == name { return }
    let call = RemoteCall(
      target: name, startTime: record.pointee.startTime, endTime: end,
      fault: record.pointee.fault, error: record.pointee.error,
      throttle: record.pointee.throttle, status: record.pointee.http.status)
    if let owner = owners[parent] {
      if owner != name { emit(owner, call) }
      return
    }
    if childCallCount >= capacity {
      unattributed += childCallCount
      childCalls.removeAll(keepingCapacity: true)
      childCallCount = 0
    }
    childCalls[parent, default: []].append(call)
    childCallCount += 1
  }

  /// Records that the entity `id` and its `nested` subsegments belong to `service` and releases
  /// whatever waited on them. Remote calls a segment already answered as their child are left to
  /// that child's edge.
  private mutating func settle(
    service: String, id: UInt64, nested: [UInt64], calls: [RemoteCall], emit: Attributed
  ) {
    count(calls, from: service, emit: emit)
    guard !waiting.isEmpty || !childCalls.isEmpty else {
      // Nothing waits (segments carry their subsegments, parents came first): note the owners.
      note(id, owner: service)
      for id in nested { note(id, owner: service) }
      return
    }
    var pending = [id] + nested
    while let id = pending.popLast() {
      note(id, owner: service)
      if let calls = childCalls.removeValue(forKey: id) {
        childCallCount -= calls.count
        for call in calls where call.target != service { emit(service, call) }
      }
      if let children = waiting.removeValue(forKey: id) {
        waitingCount -= children.count
        for child in children {
          count(child.calls, from: service, emit: emit)
          pending.append(child.entity)
          pending += child.nested
        }
      }
    }
  }

  /// Emits the remote calls of `service` that no traced child answered, noted as counted.
  private mutating func count(_ calls: [RemoteCall], from service: String, emit: Attributed) {
    for call in calls where !tracedParents.contains(call.id) {
      if countedCalls.count >= capacity { countedCalls.removeAll(keepingCapacity: true) }
      countedCalls[call.id] = call.target
      emit(service, call)
    }
  }

  private mutating func note(_ id: UInt64, owner service: String) {
    if owners.count >= capacity { owners.removeAll(keepingCapacity: true) }
    owners[id] = service
  }
}

import Telemetry

/// Puts subsegments that were sent on their own back under their parents, so a trace reads as
/// X-Ray's `BatchGetTraces` returns it: one document per segment with every subsegment nested
/// (developer guide, "Sending subsegments separately"). Arrival order does not matter; a
/// subsegment whose parent never came stays a document of its own.
enum TraceAssembler {
  /// - Returns: `(id, document)` for each segment and each orphaned subsegment.
  static func assemble(_ records: [SegmentRecord]) -> [(id: String, document: JSONValue)] {
    var children: [UInt64: [JSONValue]] = [:]
    var roots: [(String, JSONValue)] = []
    var parsed: [(SegmentRecord, JSONValue)] = []
    for record in records {
      guard let value = try? JSONParser().parse(Array(record.document.utf8)) else { continue }
      parsed.append((record, value))
      if record.isSubsegment, let parent = record.parentID {
        children[parent.value, default: []].append(Self.nestable(value))
      }
    }
    var known = Set<UInt64>()
    for (record, _) in parsed {
      known.insert(record.id.value)
      known.formUnion(record.nestedIDs)
    }
    for (record, value) in parsed {
      if !record.isSubsegment {
        roots.append((record.id.hex, value))
      } else if let parent = record.parentID?.value, !known.contains(parent) {
        roots.append((record.id.hex, value))
        children[parent] = nil
      }
    }
    return roots.map { id, value in
      var pending = children
      return (id, attach(value, &pending, depth: 0))
    }
  }

  /// A standalone subsegment as it sits inside its parent: without `type`, `trace_id` and
  /// `parent_id`.
  private static func nestable(_ value: JSONValue) -> JSONValue {
    guard let members = value.members else { return value }
    return .object(members.filter { !["type", "trace_id", "parent_id"].contains($0.key) })
  }

  /// Appends to `value`'s `subsegments` the documents waiting for its id, recursively; each
  /// waiting document is used once, so a cycle of bad ids ends.
  private static func attach(_ value: JSONValue, _ pending: inout [UInt64: [JSONValue]], depth: Int)
    -> JSONValue
  {
    guard var members = value.members, depth < 64 else { return value }
    let waiting =
      value["id"]?.string.flatMap { SpanID(hex: $0)?.value }.flatMap {
        pending.removeValue(forKey: $0)
      }
      ?? []
    var subsegments = value["subsegments"]?.array ?? []
    subsegments += waiting
    guard !subsegments.isEmpty else { return value }
    let attached = subsegments.map { attach($0, &pending, depth: depth + 1) }
      .sorted { ($0["start_time"]?.double ?? 0) < ($1["start_time"]?.double ?? 0) }
    if let index = members.firstIndex(where: { $0.key == "subsegments" }) {
      members[index].value = .array(attached)
    } else {
      members.append(("subsegments", .array(attached)))
    }
    return .object(members)
  }
}

import Telemetry

/// What a filter expression is evaluated against: a trace (its summary, and per service and
/// per edge the segments and calls inside it), or, inside `service(…) { }` and `edge(…) { }`,
/// one segment or one call.
public struct TraceFacts: Sendable {
  public var duration: Double
  public var responseTime: Double
  public var http: XRayHTTP
  public var fault: Bool
  public var error: Bool
  public var throttle: Bool
  public var annotations: [(key: String, value: AnnotationValue)]
  /// Service name → the facts of each of its segments.
  public var services: [String: [TraceFacts]]
  /// Source service → target → the facts of each call.
  public var edges: [String: [String: [TraceFacts]]]

  public init(
    duration: Double, responseTime: Double, http: XRayHTTP = XRayHTTP(), fault: Bool = false,
    error: Bool = false, throttle: Bool = false,
    annotations: [(key: String, value: AnnotationValue)] = [],
    services: [String: [TraceFacts]] = [:], edges: [String: [String: [TraceFacts]]] = [:]
  ) {
    self.duration = duration
    self.responseTime = responseTime
    self.http = http
    self.fault = fault
    self.error = error
    self.throttle = throttle
    self.annotations = annotations
    self.services = services
    self.edges = edges
  }

  /// The facts of one segment inside a trace.
  init(segment record: SegmentRecord) {
    let responseTime = record.responseTime ?? 0
    self.init(
      duration: responseTime, responseTime: responseTime, http: record.http,
      fault: record.fault, error: record.error, throttle: record.throttle,
      annotations: record.annotations)
  }

  /// The facts of one call between two services.
  init(call: RemoteCall) {
    self.init(
      duration: call.responseTime, responseTime: call.responseTime,
      http: XRayHTTP(status: call.status), fault: call.fault, error: call.error,
      throttle: call.throttle)
  }

  /// Adds a trace's segments: services, edges (from remote calls, attributed to the segment's
  /// service, or for a subsegment sent alone to the service of the segment it belongs to) and
  /// annotations.
  mutating func add(segments records: [SegmentRecord]) {
    var owner: [UInt64: String] = [:]
    for record in records where !record.isSubsegment {
      for id in [record.id.value] + record.nestedIDs { owner[id] = record.name }
    }
    // Subsegments sent alone may hang under other subsegments sent alone: resolve in rounds.
    var unresolved = records.filter(\.isSubsegment)
    var progressed = true
    while progressed, !unresolved.isEmpty {
      progressed = false
      unresolved.removeAll { record in
        guard let service = record.service ?? record.parentID.flatMap({ owner[$0.value] }) else {
          return false
        }
        for id in [record.id.value] + record.nestedIDs { owner[id] = service }
        progressed = true
        return true
      }
    }
    for record in records {
      annotations += record.annotations
      if !record.isSubsegment {
        services[record.name, default: []].append(TraceFacts(segment: record))
      }
      guard let service = owner[record.id.value] else { continue }
      for call in record.remoteCalls {
        edges[service, default: [:]][call.target, default: []].append(TraceFacts(call: call))
      }
    }
  }
}

import Telemetry

/// One validated segment document, or one subsegment sent on its own, with the fields the store
/// indexes and the service graph aggregates; `document` keeps the text as it came.
public struct SegmentRecord: Sendable {
  public var traceID: TraceID
  public var id: SpanID
  public var parentID: SpanID?
  /// The segment's name, or the subsegment's.
  public var name: String
  /// The service the work belongs to: the segment's name; for a subsegment sent alone, the name
  /// of its segment when the sender knew it (OTLP, Zipkin), else `nil` until its segment arrives.
  public var service: String?
  /// `type: "subsegment"`: sent alone, placed under `parentID` when the trace is read.
  public var isSubsegment: Bool
  public var startTime: Double
  /// `nil` while `in_progress`.
  public var endTime: Double?
  public var origin: String?
  public var http: XRayHTTP
  public var fault: Bool
  public var error: Bool
  public var throttle: Bool
  public var annotations: [(key: String, value: AnnotationValue)]
  /// Calls out to other services, from remote subsegments at any depth (and this entity itself
  /// when it is a remote subsegment sent alone).
  public var remoteCalls: [RemoteCall]
  /// The ids (``Telemetry/SpanID/value``) of the subsegments nested in this document.
  public var nestedIDs: [UInt64]
  public var document: String

  public var inProgress: Bool { endTime == nil }
  public var responseTime: Double? { endTime.map { max(0, $0 - startTime) } }
}

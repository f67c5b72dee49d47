/// An X-Ray segment: the work one service did for one request (developer guide, "Segment
/// documents"). `jsonDocument()` writes it as the trace daemon and `PutTraceSegments` expect.
public struct Segment: XRayEntity {
  public typealias Annotation = (key: String, value: AnnotationValue)

  public var id: SpanID
  public var traceID: TraceID
  /// The caller's span, when the request came with a trace header.
  public var parentID: SpanID?
  /// The service's name; sanitized when written (see ``XRayEntity/sanitizedName(_:)``).
  public var name: String
  public var startTime: Double
  public var endTime: Double?
  public var http: XRayHTTP?
  public var error: Bool
  public var fault: Bool
  public var throttle: Bool
  /// Indexed key/value pairs for filter expressions (`annotation.key = "value"`).
  public var annotations: [Annotation]
  /// Free-form data, written under the `default` namespace.
  public var metadata: [String: String]
  /// The kind of resource, such as `AWS::ECS::Container`.
  public var origin: String?
  /// Written as `aws.ecs.container` and `aws.ecs.container_id`.
  public var ecs: (container: String, containerID: String)?
  public var subsegments: [Subsegment]

  public init(
    name: String, traceID: TraceID, id: SpanID = .random(), parentID: SpanID? = nil,
    startTime: Double, endTime: Double? = nil, http: XRayHTTP? = nil, error: Bool = false,
    fault: Bool = false, throttle: Bool = false, annotations: [Annotation] = [],
    metadata: [String: String] = [:], origin: String? = nil,
    ecs: (container: String, containerID: String)? = nil, subsegments: [Subsegment] = []
  ) {
    self.id = id
    self.traceID = traceID
    self.parentID = parentID
    self.name = name
    self.startTime = startTime
    self.endTime = endTime
    self.http = http
    self.error = error
    self.fault = fault
    self.throttle = throttle
    self.annotations = annotations
    self.metadata = metadata
    self.origin = origin
    self.ecs = ecs
    self.subsegments = subsegments
  }
}
